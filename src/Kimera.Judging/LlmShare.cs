namespace Kimera.Judging;

/// <summary>The part of the LLM provider's limits and of the run's budget that one judge instance may use.</summary>
/// <param name="RequestsPerMinute">Requests per minute for this judge; <c>null</c> keeps the configured limit.</param>
/// <param name="TokensPerMinute">Tokens per minute for this judge; <c>null</c> keeps the configured limit.</param>
/// <param name="FractionOfRun">The judge's pairs over the run's, in (0, 1]: its part of the configured budget.</param>
/// <param name="ChunksInFlight">How many chunks share the limits at once: a judge whose definition sets its own endpoint
/// limits gets this fraction of them (the configured limits' share is <paramref name="RequestsPerMinute"/>).</param>
/// <param name="RunBudgetUsd">The run's own LLM budget (a run started with <c>budgetUsd</c>), which replaces the configured one
/// (<c>Kimera:Llm:BudgetUsd</c>) before <paramref name="FractionOfRun"/> is taken of it; <c>null</c> keeps the configured budget.</param>
public sealed record LlmShare(int? RequestsPerMinute, int? TokensPerMinute, decimal FractionOfRun, int ChunksInFlight = 1, decimal? RunBudgetUsd = null)
{
    /// <summary>One judge for the whole run (<c>kimera run</c>: every chunk shares it, hence one ledger and one set of rate buckets).</summary>
    public static LlmShare WholeRun { get; } = new(null, null, 1m);
}
