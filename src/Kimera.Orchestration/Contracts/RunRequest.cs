namespace Kimera.Orchestration.Contracts;

/// <summary>Input of <see cref="Kimera.Orchestration.BenchmarkOrchestrator"/>: the dataset by name and every option of the run.
/// Built outside the orchestrator (from configuration and the caller's body), so the orchestrator reads no environment.</summary>
/// <param name="Dataset">Dataset name (blob name in <c>datasets</c>, or a file name in the local folder).</param>
/// <param name="MaxParallelChunks">Most ProcessChunk activities in flight at once (the fan-out window).</param>
/// <param name="Judges">Judges to run, in column order.</param>
/// <param name="Llm">The provider's limits for the whole run; <c>null</c> when the LLM judge is not among <paramref name="Judges"/>.</param>
/// <param name="Retry">Retry policy of every activity.</param>
public sealed record RunRequest(
    string Dataset,
    int ChunkSize,
    int MaxParallelChunks,
    int Seed,
    int? MaxPairs,
    int MaxTextLength,
    IReadOnlyList<string> Judges,
    int BootstrapResamples,
    int Folds,
    LlmRateLimits? Llm,
    ActivityRetrySettings Retry);
