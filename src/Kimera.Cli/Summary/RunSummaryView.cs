using System.Globalization;
using Kimera.Pipeline.Model;

namespace Kimera.Cli.Summary;

/// <summary>The readable end of <c>kimera run</c>: per-judge metrics with confidence intervals, the comparison, the
/// reactor, where the time went (saying plainly what an earlier run into the folder had already done) and where the files are.</summary>
public static class RunSummaryView
{
    public static void Write(ISummaryOutput output, RunReport report, string location)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var statistics = report.Statistics;
        var dataset = report.Dataset;
        output.Line(
            Invariant($"{dataset.Source}: {dataset.Shape}, {report.Run.Pairs:N0} pairs ({statistics.Labelled:N0} labelled), {dataset.BadRows:N0} bad rows"),
            SummaryStyle.Bold);
        StatisticsSummaryView.Write(output, statistics);
        output.Line(ReactorLine(report));
        output.Line(TimeLine(report.Timings, report.Run.Chunks) + $"; results in {location} (report.html to read)");
    }

    /// <summary>"reactor: 100 encounters, 3 scars (mean weight 0.412); embeddings from cache 40%", with n/a and the reason for a blank.</summary>
    public static string ReactorLine(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var reactor = report.Reactor;
        var weight = reactor.ScarWeightMean is { } mean
            ? Invariant($"mean weight {mean:F3}")
            : $"mean weight {StatisticsSummaryView.NotAvailable}: no scar was made";
        var hitRate = report.Caches.Embeddings.HitRate is { } rate
            ? StatisticsSummaryView.Percent(rate)
            : $"{StatisticsSummaryView.NotAvailable} (no text was embedded)";
        return Invariant($"reactor: {reactor.PairsProcessed:N0} encounters, {reactor.Scars:N0} scars ({weight}); embeddings from cache {hitRate}");
    }

    /// <summary>Where the time went, in words that fit the case: all chunks processed now, some reused from an earlier run
    /// into the same folder, or all of them reused (nothing processed, so no rate).</summary>
    public static string TimeLine(RunTimings timings, int chunks)
    {
        ArgumentNullException.ThrowIfNull(timings);
        var total = Invariant($"time: {timings.TotalSeconds:F1} s");
        if (chunks > 0 && timings.ChunksReused >= chunks)
        {
            return total + Invariant($" (all {Chunks(chunks)} reused from an earlier run into this folder; no pair processed again)");
        }

        var processedChunks = chunks - timings.ChunksReused;
        var atOnce = Math.Min(timings.Parallelism, processedChunks);
        var parallel = atOnce > 1 ? Invariant($", {atOnce} chunks at a time") : string.Empty;
        var reused = timings.ChunksReused > 0 ? Invariant($"; {timings.ChunksReused} of {Chunks(chunks)} reused from an earlier run into this folder") : string.Empty;
        return total + Invariant($" ({timings.PairsProcessed:N0} pairs processed at {Rate(timings.PairsPerSecond)} pairs/s{parallel}{reused})");
    }

    private static string Chunks(int count) => count == 1 ? "1 chunk" : Invariant($"{count:N0} chunks");

    /// <summary>One decimal below 10 pairs/s (a slow LLM run reads 2.5, not 2 or 0), none above.</summary>
    private static string Rate(double perSecond) => perSecond < 10 ? Invariant($"{perSecond:F1}") : Invariant($"{perSecond:N0}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
