namespace Kimera.Llm.Budget;

/// <summary>Thrown instead of sending a request that could take spending past the budget.</summary>
/// <param name="previousFailure">When the request refused was a retry: why the attempt before it failed. That is the pair's
/// cause (an answer cut at the limit stays that, not "budget exhausted"); <c>null</c> for a pair never asked.</param>
internal sealed class BudgetExhaustedException(Exception? previousFailure = null) : Exception(LlmJudge.BudgetExhaustedError, previousFailure)
{
    public Exception? PreviousFailure => InnerException;
}
