using System.Globalization;
using Kimera.Pipeline;
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
        if (statistics.Message is { } message)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(message)}[/]");
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("judge", "accuracy", "precision", "recall", "F1", "AUROC", "judged", "errors");
        foreach (var (name, judge) in statistics.Judges)
        {
            table.AddRow(new[]
            {
                name,
                WithInterval(judge.Accuracy, judge.Ci?.Accuracy),
                Number(judge.Precision),
                Number(judge.Recall),
                WithInterval(judge.F1, judge.Ci?.F1),
                WithInterval(judge.Auroc, judge.Ci?.Auroc),
                judge.Judged.ToString("N0", CultureInfo.InvariantCulture),
                judge.Errors.ToString("N0", CultureInfo.InvariantCulture),
            }.Select(cell => new Text(cell)).ToArray());
        }

        console.Write(table);
        foreach (var comparison in statistics.Comparisons)
        {
            var mcnemar = comparison.McNemar is { } m ? Invariant($", McNemar p = {m.PValue:G3} (exact {m.ExactPValue:G3})") : string.Empty;
            console.MarkupLine(Markup.Escape(Invariant(
                $"{comparison.A} vs {comparison.B}: agreement {comparison.Agreement:P1}, kappa {comparison.CohenKappa:F3}{mcnemar}")));
        }

        var reactor = report.Reactor;
        var timings = report.Timings;
        console.MarkupLine(Markup.Escape(Invariant(
            $"reactor: {reactor.PairsProcessed:N0} encounters, {reactor.Scars:N0} scars (mean weight {reactor.ScarWeightMean:F3}); embeddings from cache {report.Caches.Embeddings.HitRate:P0}")));
        console.MarkupLine(Markup.Escape(Invariant(
            $"time: {timings.TotalSeconds:F1} s ({timings.PairsPerSecond:N0} pairs/s, {timings.ChunksReused} chunks reused); results in {location}")));
    }

    private static string WithInterval(double? value, IReadOnlyList<double>? interval) =>
        value is null ? "–" : interval is { Count: 2 } ci ? Invariant($"{value:F3} [{ci[0]:F3}, {ci[1]:F3}]") : Number(value);

    private static string Number(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
