using System.Globalization;
using Kimera.Pipeline.Model;
using Spectre.Console;

namespace Kimera.Cli;

/// <summary>The readable end of <c>kimera run</c>: per-judge metrics with confidence intervals, the comparison, and where the files are.</summary>
public static class RunSummaryView
{
    public static void Write(IAnsiConsole console, RunReport report, string location)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var statistics = report.Statistics;
        var dataset = report.Dataset;
        console.MarkupLine(Invariant(
            $"[bold]{Markup.Escape(dataset.Source)}[/]: {dataset.Shape}, {report.Run.Pairs:N0} pairs ({statistics.Labelled:N0} labelled), {dataset.BadRows:N0} bad rows"));
        StatisticsSummaryView.Write(console, statistics);

        var reactor = report.Reactor;
        var timings = report.Timings;
        console.MarkupLine(Markup.Escape(Invariant(
            $"reactor: {reactor.PairsProcessed:N0} encounters, {reactor.Scars:N0} scars (mean weight {reactor.ScarWeightMean:F3}); embeddings from cache {report.Caches.Embeddings.HitRate:P0}")));
        console.MarkupLine(Markup.Escape(Invariant(
            $"time: {timings.TotalSeconds:F1} s ({timings.PairsPerSecond:N0} pairs/s, {timings.ChunksReused} chunks reused); results in {location} (report.html to read)")));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
