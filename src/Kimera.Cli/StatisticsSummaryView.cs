using System.Globalization;
using Kimera.Reporting;
using Kimera.Statistics;
using Spectre.Console;

namespace Kimera.Cli;

/// <summary>The statistics part of the readable summaries of <c>kimera run</c> and <c>kimera analyze</c>: the verdict,
/// the notice about labels, per-judge metrics with confidence intervals and the comparisons.</summary>
public static class StatisticsSummaryView
{
    public static void Write(IAnsiConsole console, StatisticsResult statistics)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(statistics);
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
        foreach (var (name, judge) in statistics.Judges)
        {
            if (judge.Errors > 0)
            {
                console.MarkupLine($"[{(judge.Judged == 0 ? "red" : "yellow")}]{Markup.Escape(FailureLine(name, judge))}[/]");
            }
        }

        foreach (var comparison in statistics.Comparisons)
        {
            if (comparison.Agreement is null)
            {
                console.MarkupLine(Markup.Escape($"{comparison.A} vs {comparison.B}: no pair judged by both, nothing to compare"));
                continue;
            }

            var mcnemar = comparison.McNemar is { } m ? Invariant($", McNemar p = {m.PValue:G3} (exact {m.ExactPValue:G3})") : string.Empty;
            var delong = comparison.DeLong is { PValue: { } p } ? Invariant($", DeLong p = {p:G3}") : string.Empty;
            console.MarkupLine(Markup.Escape(Invariant(
                $"{comparison.A} vs {comparison.B}: agreement {comparison.Agreement:P1}, kappa {Number(comparison.CohenKappa)}{mcnemar}{delong}")));
        }

        var verdict = ReportVerdict.Of(statistics);
        console.MarkupLine($"[bold]{Markup.Escape(verdict.Headline)}[/]");
    }

    /// <summary>"llm: no verdict on 40 of 40 pairs: judge unavailable: no answer within 2 s ×40; …".</summary>
    public static string FailureLine(string name, JudgeStatistics judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var causes = string.Join("; ", judge.ErrorCauses.Select(c => Invariant($"{c.Cause} ×{c.Count:N0}")));
        var listed = judge.ErrorCauses.Sum(c => c.Count);
        var rest = judge.Errors > listed ? Invariant($"; other causes ×{judge.Errors - listed:N0}") : string.Empty;
        return Invariant($"{name}: no verdict on {judge.Errors:N0} of {judge.Errors + judge.Judged:N0} pairs: {causes}{rest}");
    }

    private static string WithInterval(double? value, IReadOnlyList<double>? interval) =>
        value is null ? "–" : interval is { Count: 2 } ci ? Invariant($"{value:F3} [{ci[0]:F3}, {ci[1]:F3}]") : Number(value);

    private static string Number(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
