using Kimera.Orchestration;
using Kimera.Orchestration.Activities;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline.Model;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Kimera.Functions.Durable;

/// <summary>Thin <c>[Function]</c> wrappers over the host-agnostic orchestrator and activities of Kimera.Orchestration.</summary>
public sealed class OrchestrationFunctions
{
    private readonly PlanRunActivity _plan;
    private readonly ProcessChunkActivity _process;
    private readonly AggregateRunActivity _aggregate;

    public OrchestrationFunctions(PlanRunActivity plan, ProcessChunkActivity process, AggregateRunActivity aggregate)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(aggregate);
        _plan = plan;
        _process = process;
        _aggregate = aggregate;
    }

    [Function(OrchestrationNames.Orchestrator)]
    public static Task<RunResult> RunOrchestratorAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.GetInput<RunRequest>()
            ?? throw new InvalidOperationException($"Orchestration '{context.InstanceId}' was started without a run request.");
        return new BenchmarkOrchestrator().RunAsync(context, request);
    }

    [Function(OrchestrationNames.ChunkGroup)]
    public static Task<ChunkGroupResult> RunChunkGroupAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var range = context.GetInput<ChunkGroupInput>()
            ?? throw new InvalidOperationException($"Orchestration '{context.InstanceId}' was started without a chunk range.");
        return new ChunkGroupOrchestrator().RunAsync(context, range);
    }

    [Function(OrchestrationNames.Plan)]
    public Task<RunPlan> PlanAsync([ActivityTrigger] PlanInput input, FunctionContext context) =>
        _plan.RunAsync(new FunctionActivityContext(OrchestrationNames.Plan, context), input);

    [Function(OrchestrationNames.ProcessChunk)]
    public Task<ChunkSummary> ProcessChunkAsync([ActivityTrigger] ChunkInput input, FunctionContext context) =>
        _process.RunAsync(new FunctionActivityContext(OrchestrationNames.ProcessChunk, context), input);

    [Function(OrchestrationNames.Aggregate)]
    public Task<RunResult> AggregateAsync([ActivityTrigger] AggregateInput input, FunctionContext context) =>
        _aggregate.RunAsync(new FunctionActivityContext(OrchestrationNames.Aggregate, context), input);
}
