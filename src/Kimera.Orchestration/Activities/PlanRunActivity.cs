using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Judges;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Kimera.Pipeline.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

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
    private readonly ILogger<PlanRunActivity> _logger;

    /// <param name="checks">Run after planning, before any chunk starts, on the plan's judges as the catalog builds them for
    /// the whole run: the same checks as the local engine's (e.g. the LLM judge's earlier spend, estimate and preflight).</param>
    public PlanRunActivity(IDatasetSourceResolver datasets, IRunStoreFactory stores, RunPlanner planner, ChunkProcessorFactory processors, IEnumerable<IPlanCheck> checks, ILogger<PlanRunActivity> logger)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(processors);
        _datasets = datasets;
        _stores = stores;
        _planner = planner;
        _processors = processors;
        _checks = [.. checks];
        _logger = logger;
    }

    public override async Task<RunPlan> RunAsync(TaskActivityContext context, PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Every line written while planning (the dataset's reader, the LLM preflight) carries the run id.
        using var run = RunTelemetry.BeginRun(_logger, input.RunId, OrchestrationNames.Plan);
        var request = input.Request;
        var dataset = await _datasets.ResolveAsync(request.Dataset).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"Dataset '{request.Dataset}' does not exist.", request.Dataset);
        var store = _stores.ForRun(input.RunId);
        var planned = await _planner.PlanAsync(dataset, store, request.Spec, _processors.ResultSalt(request.Spec.ResolvedJudges()), embeddingModel: _processors.EmbeddingModelId, embeddingInt8Kernel: _processors.EmbeddingInt8Kernel)
            .ConfigureAwait(false);
        if (_checks.Count == 0)
        {
            return planned.Plan;
        }

        using var judges = _processors.CreateForPlan(planned.Plan, request.Llm?.BudgetUsd);
        try
        {
            foreach (var check in _checks)
            {
                await check.CheckAsync(planned.Plan, store, judges.Judges).ConfigureAwait(false);
            }
        }
        finally
        {
            // These judges serve no chunk: what they spent (the preflight request) goes to the run's record now.
            foreach (var observer in _checks.OfType<IRunEndObserver>())
            {
                await observer.RunEndedAsync(planned.Plan, store, judges.Judges).ConfigureAwait(false);
            }
        }

        return planned.Plan;
    }
}
