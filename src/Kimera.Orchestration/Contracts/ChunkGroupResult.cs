namespace Kimera.Orchestration.Contracts;

/// <summary>Output of <see cref="Kimera.Orchestration.ChunkGroupOrchestrator"/>: how many chunks and pairs its range finished.
/// Counts only: the chunk summaries stay in the run's store, where Aggregate reads them.</summary>
public sealed record ChunkGroupResult(int Chunks, long Pairs);
