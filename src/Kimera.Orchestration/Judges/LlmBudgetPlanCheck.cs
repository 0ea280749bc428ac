using Kimera.Judging;
using Kimera.Llm;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;

namespace Kimera.Orchestration.Judges;

/// <summary>Before the fan-out (in PlanRun), estimates the LLM cost of the plan's pairs not yet in the judgement cache and
/// refuses a run whose estimate is over the configured budget, as <c>kimera run</c> does with <c>--budget-usd</c>: a run that
/// cannot be paid for is not started, rather than stopped chunk by chunk when each chunk's part of the budget runs out.</summary>
public sealed class LlmBudgetPlanCheck : IPlanCheck
{
    private readonly LlmJudge? _judge;

    /// <param name="judge">The judge with the configured options and whole budget (the singleton AddLlmJudge registers);
    /// absent when no LLM is configured: nothing to check then. Chunks get their own judges from <see cref="LlmJudgeSource"/>.</param>
    public LlmBudgetPlanCheck(LlmJudge? judge = null) => _judge = judge;

    public async Task CheckAsync(RunPlan plan, IArtifactStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        if (_judge is null || !plan.Judges.Contains(JudgeNames.Llm))
        {
            return;
        }

        var pairs = await ChunkPairsFile.ReadTextPairsAsync(store, Enumerable.Range(0, plan.ChunkCount), cancellationToken).ConfigureAwait(false);

        // The whole run's budget, against every pair the run would still pay for (the cached ones are free).
        var estimate = await _judge.EstimateAsync(pairs, cancellationToken).ConfigureAwait(false);
        if (estimate.ExceedsBudget)
        {
            throw new RunRefusedException(
                $"The LLM cost estimate is over the run's budget (Kimera:Llm:BudgetUsd): {estimate.Describe()}. Raise the budget or plan fewer pairs (maxPairs).");
        }
    }
}
