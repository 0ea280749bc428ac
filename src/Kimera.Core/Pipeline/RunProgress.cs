namespace Kimera.Pipeline;

/// <summary>Progress of a run: chunks and pairs done out of the total (reused chunks count as done).</summary>
public sealed record RunProgress(int ChunksDone, int ChunkCount, long PairsDone, long TotalPairs, int ChunksReused, TimeSpan Elapsed)
{
    /// <summary>Pairs processed per second in this session (reused chunks excluded).</summary>
    public double PairsPerSecond(long reusedPairs) =>
        Elapsed.TotalSeconds <= 0 ? 0 : (PairsDone - reusedPairs) / Elapsed.TotalSeconds;
}
