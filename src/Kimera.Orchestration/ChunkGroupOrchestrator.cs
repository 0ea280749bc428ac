using Kimera.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace Kimera.Orchestration;

/// <summary>A range of a run's chunks, run as a sub-orchestration of <see cref="BenchmarkOrchestrator"/> (or of another range) so
/// that no instance's history grows with the run: ProcessChunk activities in a sliding window when the range holds at most
/// <see cref="ChunkGroupInput.FanOut"/> chunks, else smaller ranges as further instances of this orchestrator.</summary>
/// <remarks>Replay-safe like its parent: no I/O, no clock. It reports no progress of its own; its parent counts its chunks and
/// pairs when it completes. A chunk that fails every attempt fails this instance with the activity's error, and so the run.</remarks>
[DurableTask(OrchestrationNames.ChunkGroup)]
public sealed class ChunkGroupOrchestrator : TaskOrchestrator<ChunkGroupInput, ChunkGroupResult>
{
    public override Task<ChunkGroupResult> RunAsync(TaskOrchestrationContext context, ChunkGroupInput input) =>
        ChunkFanOut.RunAsync(context, input, finished: null);
}
