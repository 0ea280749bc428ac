using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Llm;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;

namespace Kimera.Orchestration.Judges;

/// <summary>Before the fan-out (in PlanRun), estimates each LLM judge's cost of the plan's pairs not yet in the judgement
/// cache and refuses a run whose estimate is over that judge's part of the configured budget, as <c>kimera run</c> does with
/// <c>--budget-usd</c>: a run that cannot be paid for is not started, rather than stopped chunk by chunk when each chunk's
/// part of the budget runs out.</summary>
public sealed class LlmBudgetPlanCheck : IPlanCheck
{
    private readonly JudgeCatalog _catalog;

    /// <param name="catalog">Builds the plan's LLM judges with the whole run's limits and budget (each judge its part).</param>
    public LlmBudgetPlanCheck(JudgeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    public async Task CheckAsync(RunPlan plan, IArtifactStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        var judges = plan.ResolvedJudges();
        if (!_catalog.HasLlm || !judges.Any(j => j.Kind == JudgeKinds.Llm))
        {
            return;
        }

        using var built = _catalog.Create([.. judges.Where(j => j.Kind == JudgeKinds.Llm)], LlmShare.WholeRun);
        var pairs = await ChunkPairsFile.ReadTextPairsAsync(store, Enumerable.Range(0, plan.ChunkCount), cancellationToken).ConfigureAwait(false);
        foreach (var judge in built.Judges.OfType<LlmJudge>())
        {
            // The judge's part of the run's budget, against every pair the run would still pay for (the cached ones are free).
            var estimate = await judge.EstimateAsync(pairs, cancellationToken).ConfigureAwait(false);
            if (estimate.ExceedsBudget)
            {
                // The shorthand judge has the whole budget: its message stays what it always was.
                var whose = judge.Name == JudgeNames.Llm ? "the run's budget" : $"judge '{judge.Name}''s part of the run's budget";
                throw new RunRefusedException(
                    $"The LLM cost estimate is over {whose} (Kimera:Llm:BudgetUsd): {estimate.Describe()}. Raise the budget or plan fewer pairs (maxPairs).");
            }
        }
    }
}
