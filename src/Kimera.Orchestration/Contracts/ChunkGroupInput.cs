using Kimera.Pipeline.Model;

namespace Kimera.Orchestration.Contracts;

/// <summary>Input of <see cref="Kimera.Orchestration.ChunkGroupOrchestrator"/>: a range of the plan's chunks and the part of the
/// run's window it may use. The run's root orchestration uses the same shape for the whole plan.</summary>
/// <param name="RunId">The run (the root instance id): the activities find the run's store through it, not through this instance's id.</param>
/// <param name="First">Index of the range's first chunk.</param>
/// <param name="Count">Chunks in the range.</param>
/// <param name="Window">Most chunks of this range in flight at once; the windows of ranges running side by side add up to at most the run's.</param>
/// <param name="LlmShare">Each chunk's share of the LLM limits (the run's limits over the run's window); null without the LLM judge.</param>
/// <param name="FanOut">Most tasks one instance schedules (<see cref="RunRequest.FanOut"/>).</param>
public sealed record ChunkGroupInput(
    string RunId,
    RunPlan Plan,
    int First,
    int Count,
    int Window,
    LlmRateLimits? LlmShare,
    ActivityRetrySettings Retry,
    int FanOut);
