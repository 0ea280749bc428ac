using Kimera.Pipeline;

namespace Kimera.Orchestration.Contracts;

/// <summary>Input of <see cref="Kimera.Orchestration.BenchmarkOrchestrator"/>: the dataset by name and the run's <see cref="RunSpec"/>.
/// Built outside the orchestrator (from configuration and the caller's body), so the orchestrator reads no environment.</summary>
/// <param name="Dataset">Dataset name (blob name in <c>datasets</c>, or a file name in the local folder).</param>
/// <param name="Spec">Every option of the run; <see cref="RunSpec.Parallelism"/> is the fan-out window.</param>
/// <param name="Llm">The provider's limits for the whole run and the run's own LLM budget (<see cref="LlmRateLimits.BudgetUsd"/>);
/// <c>null</c> when the LLM judge is not among the spec's judges.</param>
/// <param name="Retry">Retry policy of every activity.</param>
/// <param name="FanOut">Most tasks (chunks, or groups of chunks) one orchestration instance schedules besides Plan and Aggregate:
/// a run with more chunks than this runs them in sub-orchestrations (<see cref="Kimera.Orchestration.ChunkGroupOrchestrator"/>),
/// which bounds every instance's history whatever the run's size. At least 2.</param>
public sealed record RunRequest(string Dataset, RunSpec Spec, LlmRateLimits? Llm, ActivityRetrySettings Retry, int FanOut = RunRequest.DefaultFanOut)
{
    /// <summary>100: at most 413 history rows per instance when no activity is retried (the bound in docs/architecture.md),
    /// few enough to replay in milliseconds at every step, while a window narrower than a group drains only once per 100 chunks.</summary>
    public const int DefaultFanOut = 100;
}
