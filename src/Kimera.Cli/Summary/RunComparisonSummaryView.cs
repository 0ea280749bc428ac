using System.Globalization;
using Kimera.Reporting.RunComparisons;
using Kimera.Statistics.RunComparisons;

namespace Kimera.Cli.Summary;

/// <summary>The readable summary of <c>kimera compare</c>: how the pairs matched, one table of each judge's metrics in
/// both runs with the paired difference and tests, the McNemar counts and DeLong, and the most typical changed pairs.</summary>
public static class RunComparisonSummaryView
{
    /// <summary>Pair ids listed on the line of the pairs only one run has.</summary>
    public const int PairIdsListed = 10;

    public static void Write(ISummaryOutput output, RunComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Comparison;
        output.Line($"A: {report.A}", SummaryStyle.Bold);
        output.Line($"B: {report.B}", SummaryStyle.Bold);
        output.Line(Invariant($"{c.Pairs:N0} pairs in both runs; {OneRun("A", report.OnlyInA)}; {OneRun("B", report.OnlyInB)}"),
            report.OnlyInA.Count + report.OnlyInB.Count > 0 ? SummaryStyle.Warning : SummaryStyle.Normal);

        var percent = Invariant($"{c.ConfidenceLevel * 100:0.##}%");
        output.Table(new SummaryTable(
            ["judge", "metric", "A", "B", $"B − A ({percent} CI)", "test", "p", "Holm p"],
            [.. c.Judges.SelectMany(j => new[] { ("accuracy", j.Accuracy), ("F1", j.F1), ("AUROC", j.Auroc) }
                .Select(m => (IReadOnlyList<string>)[
                    JudgePairing.NameOf(j.A, j.B), m.Item1, Value(m.Item2.A), Value(m.Item2.B),
                    Difference(m.Item2.Difference, m.Item2.DifferenceCi), m.Item2.Test, P(m.Item2.PValue), P(m.Item2.HolmPValue)]))]));

        foreach (var judge in c.Judges)
        {
            var name = JudgePairing.NameOf(judge.A, judge.B);
            var m = judge.McNemar;
            var delong = judge.DeLong is { PValue: { } p } d
                ? Invariant($"DeLong z = {d.Z:0.000}, p = {P(p)}")
                : "DeLong n/a (it needs two pairs of each class with scores in both runs, and AUROCs that differ somewhere)";
            output.Line(Invariant($"{name}: {judge.Pairs:N0} labelled pairs judged in both runs; McNemar b = {m.B} (A right, B wrong), c = {m.C} (B right, A wrong), exact p = {P(m.ExactPValue)}, mid-p = {P(m.MidPValue)}; {delong}"));
        }

        foreach (var (judge, shown) in c.Judges.Zip(report.ChangedPairs))
        {
            var changed = judge.Changed;
            output.Line(Invariant($"{JudgePairing.NameOf(judge.A, judge.B)}: {changed.Count:N0} verdict(s) changed: {changed.Fixed:N0} fixed, {changed.Broken:N0} broken, {changed.Unlabelled:N0} unlabelled{(shown.Pairs.Count > 0 ? "; most typical first:" : string.Empty)}"), SummaryStyle.Bold);
            foreach (var pair in shown.Pairs)
            {
                var label = pair.Label switch { true => "contradiction", false => "not a contradiction", null => "unlabelled" };
                output.Line(Invariant($"  {pair.PairId} ({label}): {Verdict(pair.A.Pred)} {Value(pair.A.Score)} → {Verdict(pair.B.Pred)} {Value(pair.B.Score)}"));
                output.Line($"    A: {Reason(pair.A.Reasoning)}");
                output.Line($"    B: {Reason(pair.B.Reasoning)}");
            }
        }
    }

    private static string OneRun(string run, PairsInOneRun pairs)
    {
        if (pairs.Count == 0)
        {
            return $"none only in {run}";
        }

        var listed = string.Join(", ", pairs.PairIds.Take(PairIdsListed));
        var more = pairs.Count > PairIdsListed ? Invariant($", … {pairs.Count - PairIdsListed:N0} more") : string.Empty;
        return Invariant($"{pairs.Count:N0} only in {run} (left out: {listed}{more})");
    }

    private static string Verdict(bool contradiction) => contradiction ? "contradiction" : "no contradiction";

    private static string Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? "(no reason)" : reason.ReplaceLineEndings(" ");

    private static string Value(double? value) => value is { } v ? Invariant($"{v:0.000}") : "n/a";

    private static string Difference(double? value, IReadOnlyList<double>? ci) => value is not { } v
        ? "n/a"
        : ci is [var lo, var hi] ? Invariant($"{v:+0.000;-0.000;0.000} [{lo:+0.000;-0.000;0.000}, {hi:+0.000;-0.000;0.000}]") : Invariant($"{v:+0.000;-0.000;0.000}");

    private static string P(double? p) => p is { } v ? Invariant($"{v:G3}") : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
