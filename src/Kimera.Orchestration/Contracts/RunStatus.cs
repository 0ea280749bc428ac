namespace Kimera.Orchestration.Contracts;

/// <summary>The orchestration's custom status: the stage and chunks and pairs done out of the total.</summary>
/// <param name="Stage">One of <see cref="RunStages"/>.</param>
public sealed record RunStatus(string Stage, int ChunksDone, int ChunkCount, long PairsDone, long TotalPairs);
