namespace Kimera.Llm.Budget;

/// <summary>Thrown instead of sending a request that could take spending past the budget.</summary>
internal sealed class BudgetExhaustedException() : Exception(LlmJudge.BudgetExhaustedError);
