using System.Globalization;
using Kimera.Reporting.Model;

namespace Kimera.Reporting;

/// <summary>What a run processed and reused, in words that fit the case; the CLI summary and the HTML report say it alike.</summary>
public static class ThroughputText
{
    /// <summary>"2,000 pairs processed at 56 pairs/s, 2 chunks at a time; 1 of 4 chunks reused from an earlier run into this
    /// folder", "50 pairs processed at 5.0 pairs/s" (one chunk: nothing ran alongside it), or "all 4 chunks reused from an
    /// earlier run into this folder; no pair processed again".</summary>
    public static string Describe(RunTimings timings, int chunks)
    {
        ArgumentNullException.ThrowIfNull(timings);
        if (chunks > 0 && timings.ChunksReused >= chunks)
        {
            return Invariant($"all {Chunks(chunks)} reused from an earlier run into this folder; no pair processed again");
        }

        var processedChunks = chunks - timings.ChunksReused;
        var atOnce = Math.Min(timings.Parallelism, processedChunks);
        var parallel = atOnce > 1 ? Invariant($", {atOnce} chunks at a time") : string.Empty;
        var reused = timings.ChunksReused > 0 ? Invariant($"; {timings.ChunksReused} of {Chunks(chunks)} reused from an earlier run into this folder") : string.Empty;
        return Invariant($"{timings.PairsProcessed:N0} pairs processed at {Rate(timings.PairsPerSecond)} pairs/s{parallel}{reused}");
    }

    private static string Chunks(int count) => count == 1 ? "1 chunk" : Invariant($"{count:N0} chunks");

    /// <summary>One decimal below 10 pairs/s (a slow LLM run reads 2.5, not 2 or 0), none above.</summary>
    private static string Rate(double perSecond) => perSecond < 10 ? Invariant($"{perSecond:F1}") : Invariant($"{perSecond:N0}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
