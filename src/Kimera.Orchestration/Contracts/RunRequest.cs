using Kimera.Pipeline;

namespace Kimera.Orchestration.Contracts;

/// <summary>Input of <see cref="Kimera.Orchestration.BenchmarkOrchestrator"/>: the dataset by name and the run's <see cref="RunSpec"/>.
/// Built outside the orchestrator (from configuration and the caller's body), so the orchestrator reads no environment.</summary>
/// <param name="Dataset">Dataset name (blob name in <c>datasets</c>, or a file name in the local folder).</param>
/// <param name="Spec">Every option of the run; <see cref="RunSpec.MaxParallelChunks"/> is the fan-out window.</param>
/// <param name="Llm">The provider's limits for the whole run; <c>null</c> when the LLM judge is not among the spec's judges.</param>
/// <param name="Retry">Retry policy of every activity.</param>
public sealed record RunRequest(string Dataset, RunSpec Spec, LlmRateLimits? Llm, ActivityRetrySettings Retry);
