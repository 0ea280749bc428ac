using Kimera.Datasets;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Kimera.Reporting.Model;
using Microsoft.DurableTask;

namespace Kimera.Orchestration;

/// <summary>One benchmark run as a durable orchestration: Plan → ProcessChunk for every chunk, at most
/// <see cref="Kimera.Pipeline.RunSpec.Parallelism"/> in flight (a sliding window: whenever one finishes the next starts) → Aggregate.
/// A plan of more than <see cref="RunRequest.FanOut"/> chunks runs its chunks in <see cref="ChunkGroupOrchestrator"/>
/// sub-orchestrations (see <see cref="ChunkFanOut"/>), so every instance's history stays bounded.</summary>
/// <remarks>Replay-safe: it does no I/O and reads no clock, random source or environment; its only clock is
/// <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, and every payload is a reference or a count.
/// The run id is the instance id: the activities find the run's store through it.</remarks>
[DurableTask(OrchestrationNames.Orchestrator)]
public sealed class BenchmarkOrchestrator : TaskOrchestrator<RunRequest, RunResult>
{
    public override async Task<RunResult> RunAsync(TaskOrchestrationContext context, RunRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var runId = context.InstanceId;
        var retry = RetryOptions(input.Retry);
        var started = context.CurrentUtcDateTime;

        context.SetCustomStatus(new RunStatus(RunStages.Planning, 0, 0, 0, 0));
        var plan = await context.CallActivityAsync<RunPlan>(OrchestrationNames.Plan, new PlanInput(runId, input), retry);
        var planned = context.CurrentUtcDateTime;

        // The provider's limits are shared by the chunks in flight, so the window decides each chunk's share.
        var window = input.Llm?.MaxChunksInFlight(input.Spec.Parallelism, plan.ChunkCount)
            ?? Math.Min(input.Spec.Parallelism, Math.Max(1, plan.ChunkCount));
        var share = input.Llm?.ShareOf(window);

        var chunksDone = 0;
        long pairsDone = 0;
        context.SetCustomStatus(new RunStatus(RunStages.Processing, chunksDone, plan.ChunkCount, pairsDone, plan.TotalPairs));
        // Up to FanOut chunks run here as activities, progress counted chunk by chunk; a larger plan runs in sub-orchestrations
        // over ranges of chunks, counted as each range completes, so that no instance's history grows with the run.
        var all = new ChunkGroupInput(runId, plan, 0, plan.ChunkCount, window, share, input.Retry, input.FanOut);
        await ChunkFanOut.RunAsync(context, all, finished =>
        {
            chunksDone += finished.Chunks;
            pairsDone += finished.Pairs;
            context.SetCustomStatus(new RunStatus(RunStages.Processing, chunksDone, plan.ChunkCount, pairsDone, plan.TotalPairs));
        });

        var processed = context.CurrentUtcDateTime;
        context.SetCustomStatus(new RunStatus(RunStages.Aggregating, chunksDone, plan.ChunkCount, pairsDone, plan.TotalPairs));
        var timings = new RunTimings
        {
            PlanSeconds = (planned - started).TotalSeconds,
            ProcessSeconds = (processed - planned).TotalSeconds,
            PairsProcessed = plan.TotalPairs,
            Parallelism = window,
        };
        var result = await context.CallActivityAsync<RunResult>(
            OrchestrationNames.Aggregate,
            new AggregateInput(runId, plan, input.Spec, timings),
            retry);
        context.SetCustomStatus(new RunStatus(RunStages.Completed, chunksDone, plan.ChunkCount, pairsDone, plan.TotalPairs));
        return result;
    }

    /// <summary>The activities' retry policy from the request (exponential back-off, capped).</summary>
    public static TaskOptions RetryOptions(ActivityRetrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var policy = new RetryPolicy(settings.MaxAttempts, settings.FirstRetryInterval, settings.BackoffCoefficient, settings.MaxRetryInterval)
        {
            // A dataset that is missing or not a dataset stays so, and a refused run (over its LLM budget) stays refused:
            // retrying only delays the error.
            HandleFailure = failure => !failure.IsCausedBy<DatasetFormatException>() && !failure.IsCausedBy<FileNotFoundException>()
                && !failure.IsCausedBy<RunRefusedException>(),
        };
        return TaskOptions.FromRetryPolicy(policy);
    }
}
