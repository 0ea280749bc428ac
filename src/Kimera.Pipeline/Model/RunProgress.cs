using System.Globalization;

namespace Kimera.Pipeline.Model;

/// <summary>Progress of a run: chunks and pairs done out of the total (chunks reused from an earlier session count as done).
/// <see cref="PairsDone"/> moves within a chunk, with each embedding batch and each pair an LLM judge settles
/// (<see cref="Stages.ChunkProcessor"/>), not only when a whole chunk finishes.</summary>
/// <param name="PairsReused">Pairs of chunks reused from an earlier session: excluded from the rate.</param>
/// <param name="Elapsed">Time spent processing chunks in this session.</param>
public sealed record RunProgress(int ChunksDone, int ChunkCount, long PairsDone, long TotalPairs, long PairsReused, TimeSpan Elapsed)
{
    /// <summary>Pairs this session must process before <see cref="EstimatedRemaining"/> is given: fewer make a rate that says
    /// more about start-up (loading the model, the first batch) than about the run.</summary>
    public const int PairsBeforeEstimate = 10;

    /// <summary>Pairs processed in this session.</summary>
    public long PairsProcessed => PairsDone - PairsReused;

    /// <summary>Pairs processed per second in this session.</summary>
    public double PairsPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : PairsProcessed / Elapsed.TotalSeconds;

    /// <summary>Time left at this session's rate so far; <c>null</c> until <see cref="PairsBeforeEstimate"/> pairs (or all
    /// the pairs to do, when fewer) are processed.</summary>
    public TimeSpan? EstimatedRemaining =>
        PairsPerSecond <= 0 || PairsProcessed < Math.Min(PairsBeforeEstimate, TotalPairs - PairsReused)
            ? null
            : TimeSpan.FromSeconds((TotalPairs - PairsDone) / PairsPerSecond);

    /// <summary><see cref="EstimatedRemaining"/> as <c>hh:mm:ss</c>, or <c>--:--:--</c> while there is no estimate yet.</summary>
    public string EstimatedRemainingText =>
        EstimatedRemaining is { } remaining ? remaining.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--";
}
