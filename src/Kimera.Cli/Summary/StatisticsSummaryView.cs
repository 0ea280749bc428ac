using System.Globalization;
using Kimera.Reporting;
using Kimera.Statistics;
using Kimera.Statistics.ManyJudges;
using Kimera.Statistics.Noise;

namespace Kimera.Cli.Summary;

/// <summary>The statistics part of the readable summaries of <c>kimera run</c> and <c>kimera analyze</c>: the notice about
/// labels, per-judge metrics with confidence intervals, each judge against the baselines (<see cref="BaselineVerdict"/>), the
/// wrong-way warning, what the cross-validated threshold adds (<see cref="ThresholdVerdict"/>), the comparisons, for more
/// than two judges the ranking (tied judges share a rank), a sweep that changed no verdict, the noise of judges asked more
/// than once, and the verdict. The metrics table keeps each
/// interval beside its value when that fits the width; otherwise the values and the intervals are two narrower tables,
/// so no cell is ever wrapped. A value that cannot be computed reads <c>n/a</c>, with the reason below the table.</summary>
public static class StatisticsSummaryView
{
    public const string NotAvailable = "n/a";

    public static void Write(ISummaryOutput output, StatisticsResult statistics)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.Message is { } message)
        {
            output.Line(message, SummaryStyle.Warning);
        }

        var judges = statistics.Judges.ToArray();
        var wide = new SummaryTable(
            ["judge", "accuracy", "precision", "recall", "F1", "AUROC", "judged", "errors"],
            judges.Select(j => Row(j.Key, j.Value, withIntervals: true)).ToArray());
        var hasIntervals = judges.Any(j => j.Value.Ci is not null);
        if (!hasIntervals || output.WidthOf(wide) <= output.Width)
        {
            output.Table(wide);
        }
        else
        {
            output.Table(new SummaryTable(wide.Headers, judges.Select(j => Row(j.Key, j.Value, withIntervals: false)).ToArray()));
            output.Table(new SummaryTable(
                ["judge", "accuracy 95% CI", "F1 95% CI", "AUROC 95% CI"],
                judges.Select(j => (IReadOnlyList<string>)[j.Key, Interval(j.Value.Ci?.Accuracy), Interval(j.Value.Ci?.F1), Interval(j.Value.Ci?.Auroc)]).ToArray()));
        }

        foreach (var note in MissingMetrics.Notes(judges, NotAvailable))
        {
            output.Line(note);
        }

        foreach (var (name, judge) in judges)
        {
            if (judge.Errors > 0)
            {
                output.Line(FailureLine(name, judge), judge.Judged == 0 ? SummaryStyle.Error : SummaryStyle.Warning);
            }
        }

        foreach (var (name, judge) in judges)
        {
            if (BaselineVerdict.Sentence(name, judge) is { } baseline)
            {
                output.Line(baseline);
            }

            if (InvertedRanking.Sentence(name, judge, statistics.Settings.ConfidenceLevel) is { } inverted)
            {
                output.Line(inverted, SummaryStyle.Warning);
            }
        }

        foreach (var threshold in ThresholdVerdict.Sentences(statistics))
        {
            output.Line(threshold);
        }

        foreach (var comparison in statistics.Comparisons)
        {
            if (comparison.Agreement is not { } agreement)
            {
                output.Line($"{comparison.A} vs {comparison.B}: no pair judged by both, nothing to compare");
                continue;
            }

            var kappa = comparison.CohenKappa is { } k
                ? Number(k)
                : $"{NotAvailable} (both judges gave the same verdict on every pair, so agreement by chance is 100%)";
            var mcnemar = comparison.McNemar switch
            {
                { PValue: { } pValue } m => Invariant($", McNemar p = {pValue:G3} (exact {m.ExactPValue:G3})"),
                // No discordant pair: the chi-squared statistic is undefined, never printed as a blank.
                { } m => Invariant($", McNemar p = {NotAvailable} (no pair on which exactly one of the two is right; exact {m.ExactPValue:G3})"),
                null => string.Empty,
            };
            var delong = comparison.DeLong is { PValue: { } p } ? Invariant($", DeLong p = {p:G3}") : string.Empty;
            output.Line(Invariant($"{comparison.A} vs {comparison.B}: agreement {Percent(agreement)} of {comparison.Pairs:N0} pairs, kappa {kappa}{mcnemar}{delong}"));
        }

        if (statistics.ManyJudges is { ByAccuracy.Count: > 0 } many)
        {
            // More than two judges: the ranking the headline below is drawn from.
            output.Table(new SummaryTable(
                ["judge", "rank", "accuracy", "AUROC", "as good as the best"],
                [.. many.ByAccuracy.Select(r => (IReadOnlyList<string>)
                [
                    r.Judge,
                    r.Tied ? Invariant($"{r.Rank} (tied)") : r.Rank.ToString(CultureInfo.InvariantCulture),
                    WithInterval(r.Value, r.Ci),
                    WithInterval(statistics.Judges[r.Judge].Auroc, statistics.Judges[r.Judge].Ci?.Auroc),
                    r.Rank == 1 ? (r.Tied ? "tied best" : "best") : many.AsGoodAsBest.Contains(r.Judge) ? "yes" : "no",
                ])]));
            foreach (var line in TieLines(many.ByAccuracy))
            {
                output.Line(line);
            }
        }

        if (statistics.Sweep is { Note: { } sweepNote })
        {
            output.Line(sweepNote, SummaryStyle.Warning);
        }

        foreach (var (name, noise) in statistics.Noise ?? new Dictionary<string, JudgeNoiseResult>())
        {
            var interval = noise.FlipRateCi is { Count: 2 } ci ? Invariant($" [{Percent(ci[0])}, {Percent(ci[1])}]") : string.Empty;
            output.Line(Invariant($"{name} asked {noise.Repeats} times: verdicts flipped on {noise.Flipped:N0} of {noise.Pairs:N0} pairs ({(noise.FlipRate is { } f ? Percent(f) : NotAvailable)}{interval}), Fleiss kappa {Number(noise.Agreement?.Kappa)}, noise floor {Number(noise.NoiseFloor)}"));
        }

        foreach (var (name, orders) in statistics.OrderNoise ?? new Dictionary<string, JudgeNoiseResult>())
        {
            output.Line(OrderLine(name, orders));
        }

        output.Line(ReportVerdict.Of(statistics).Headline, SummaryStyle.Bold);
    }

    /// <summary>"llm asked in both orders: verdicts flipped by the order on 2 of 4 pairs (50.0% [15.0%, 85.0%]), accuracy 0.750
    /// (text1, text2) and 0.250 (text2, text1)".</summary>
    public static string OrderLine(string name, JudgeNoiseResult orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var interval = orders.FlipRateCi is { Count: 2 } ci ? Invariant($" [{Percent(ci[0])}, {Percent(ci[1])}]") : string.Empty;
        var accuracies = orders.RepeatAccuracies is { Count: 2 } a
            ? $", accuracy {Number(a[0])} (text1, text2) and {Number(a[1])} (text2, text1)"
            : string.Empty;
        return Invariant($"{name} asked in both orders: verdicts flipped by the order on {orders.Flipped:N0} of {orders.Pairs:N0} pairs ({(orders.FlipRate is { } f ? Percent(f) : NotAvailable)}{interval}){accuracies}");
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

    /// <summary>One line per group of tied judges: "tied at rank 1 (identical verdicts on every pair): k60, k70".</summary>
    public static IEnumerable<string> TieLines(IReadOnlyList<JudgeRank> ranking)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return ranking
            .Where(r => r.Tied)
            .GroupBy(r => r.Rank)
            .Select(g => $"tied at rank {g.Key.ToString(CultureInfo.InvariantCulture)} (identical verdicts on every pair): {string.Join(", ", g.Select(r => r.Judge))}");
    }

    /// <summary>A share as a percentage with one decimal and no space before the sign: <c>85.0%</c>.</summary>
    public static string Percent(double share) => Invariant($"{share * 100:F1}%");

    private static IReadOnlyList<string> Row(string name, JudgeStatistics judge, bool withIntervals) =>
    [
        name,
        withIntervals ? WithInterval(judge.Accuracy, judge.Ci?.Accuracy) : Number(judge.Accuracy),
        Number(judge.Precision),
        Number(judge.Recall),
        withIntervals ? WithInterval(judge.F1, judge.Ci?.F1) : Number(judge.F1),
        withIntervals ? WithInterval(judge.Auroc, judge.Ci?.Auroc) : Number(judge.Auroc),
        judge.Judged.ToString("N0", CultureInfo.InvariantCulture),
        judge.Errors.ToString("N0", CultureInfo.InvariantCulture),
    ];

    private static string WithInterval(double? value, IReadOnlyList<double>? interval) =>
        value is null ? NotAvailable : interval is { Count: 2 } ? $"{Number(value)} {Interval(interval)}" : Number(value);

    private static string Interval(IReadOnlyList<double>? interval) =>
        interval is { Count: 2 } ci ? Invariant($"[{ci[0]:F3}, {ci[1]:F3}]") : NotAvailable;

    private static string Number(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : NotAvailable;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
