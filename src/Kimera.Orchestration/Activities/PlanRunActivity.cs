using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Judges;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Microsoft.DurableTask;

namespace Kimera.Orchestration.Activities;

/// <summary>Plan: resolves the dataset by name, writes the chunk files into the run's store and returns the (small) plan.
/// A store that already holds the same plan is reused, so a retried or replayed Plan costs one read.</summary>
[DurableTask(OrchestrationNames.Plan)]
public sealed class PlanRunActivity : TaskActivity<PlanInput, RunPlan>
{
    private readonly IDatasetSourceResolver _datasets;
    private readonly IRunStoreFactory _stores;
    private readonly RunPlanner _planner;
    private readonly ChunkProcessorFactory _processors;
    private readonly IReadOnlyList<IPlanCheck> _checks;

    /// <param name="checks">Run after planning, before any chunk starts (e.g. <see cref="LlmBudgetPlanCheck"/>).</param>
    public PlanRunActivity(IDatasetSourceResolver datasets, IRunStoreFactory stores, RunPlanner planner, ChunkProcessorFactory processors, IEnumerable<IPlanCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(processors);
        _datasets = datasets;
        _stores = stores;
        _planner = planner;
        _processors = processors;
        _checks = [.. checks];
    }

    public override async Task<RunPlan> RunAsync(TaskActivityContext context, PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var dataset = await _datasets.ResolveAsync(request.Dataset).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"Dataset '{request.Dataset}' does not exist.", request.Dataset);
        var store = _stores.ForRun(input.RunId);
        var planned = await _planner.PlanAsync(dataset, store, request.Spec, _processors.ResultSalt(request.Spec.ResolvedJudges()), embeddingModel: _processors.EmbeddingModelId)
            .ConfigureAwait(false);
        foreach (var check in _checks)
        {
            await check.CheckAsync(planned.Plan, store).ConfigureAwait(false);
        }

        return planned.Plan;
    }
}
