
namespace Kimera.Pipeline.Model;

/// <summary>Progress of a run: chunks and pairs done out of the total (chunks reused from an earlier session count as done).</summary>
/// <param name="PairsReused">Pairs of chunks reused from an earlier session: excluded from the rate.</param>
/// <param name="Elapsed">Time spent processing chunks in this session.</param>
public sealed record RunProgress(int ChunksDone, int ChunkCount, long PairsDone, long TotalPairs, long PairsReused, TimeSpan Elapsed)
{
    /// <summary>Pairs processed per second in this session.</summary>
    public double PairsPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : (PairsDone - PairsReused) / Elapsed.TotalSeconds;

    /// <summary>Time left at the current rate; <c>null</c> before the first chunk is done.</summary>
    public TimeSpan? EstimatedRemaining => PairsPerSecond <= 0 ? null : TimeSpan.FromSeconds((TotalPairs - PairsDone) / PairsPerSecond);
}
