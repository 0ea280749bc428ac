using System.Globalization;
using Kimera.Judging;
using Kimera.Statistics;

namespace Kimera.Reporting;

/// <summary>
/// The plain-words answer to "is Kimera as good as the LLM?" from the statistics: a headline, the sentences that back it
/// with their p-values, and a tone for the colour. Accuracy decides (McNemar's exact p, valid at every size); AUROC
/// (DeLong) is reported beside it. Without labels or without a second judge it says plainly that it cannot answer.
/// With more than two judges the question becomes "which judges are as good as the best one?" (<see cref="ManyJudgesVerdict"/>).
/// </summary>
public sealed record ReportVerdict(string Headline, IReadOnlyList<string> Details, string Tone)
{

    /// <summary>The verdict of <paramref name="statistics"/>: the judge named kimera (else the first) against llm (else the next).</summary>
    public static ReportVerdict Of(StatisticsResult statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.ManyJudges is not null)
        {
            return ManyJudgesVerdict.Of(statistics);
        }

        var names = statistics.Judges.Keys.ToList();
        var primary = names.FirstOrDefault(n => n.Equals(JudgeNames.Kimera, StringComparison.OrdinalIgnoreCase)) ?? names.FirstOrDefault();
        if (primary is null)
        {
            return new ReportVerdict("No judge results: nothing can be said.", [], "unknown");
        }

        var other = Other(names, primary);
        var alpha = 1 - statistics.Settings.ConfidenceLevel;
        var level = Pct(statistics.Settings.ConfidenceLevel);

        if (other is null)
        {
            var judge = statistics.Judges[primary];
            var details = new List<string>
            {
                OnlyOneJudge(primary),
            };
            if (statistics.HasLabels && judge.Accuracy is not null)
            {
                details.Add($"On its own, {DisplayName(primary)} has accuracy {Fmt.WithInterval(judge.Accuracy, judge.Ci?.Accuracy)}, F1 {Fmt.WithInterval(judge.F1, judge.Ci?.F1)} and AUROC {Fmt.WithInterval(judge.Auroc, judge.Ci?.Auroc)} on {Fmt.Count(judge.Evaluated)} labelled pairs ({level} bootstrap intervals in brackets).");
            }
            else if (!statistics.HasLabels)
            {
                details.Add("The pairs have no labels either, so not even its own accuracy can be measured.");
            }

            return new ReportVerdict("Cannot answer: only one judge ran.", details, "unknown");
        }

        var comparison = statistics.Comparisons.FirstOrDefault(c => (c.A == primary && c.B == other) || (c.A == other && c.B == primary));
        var flipped = comparison is not null && comparison.A == other;
        var agreement = comparison is null
            ? null
            : $"The two judges agree on {Fmt.Percent(comparison.Agreement)} of the {Fmt.Count(comparison.Pairs)} pairs both judged (Cohen's κ = {Fmt.Metric(comparison.CohenKappa)}).";

        if (!statistics.HasLabels || comparison?.McNemar is null)
        {
            var details = new List<string>
            {
                statistics.HasLabels
                    ? $"No labelled pair was judged by both {DisplayName(primary)} and {DisplayName(other)}, so their accuracies cannot be compared."
                    : $"The pairs have no labels, so neither judge's accuracy can be measured and this report cannot say whether {DisplayName(primary)} is as good as {DisplayName(other)}. Labels are never invented.",
            };
            if (agreement is not null)
            {
                details.Add(agreement + " Agreement says how alike the judges are, not which one is right.");
            }

            return new ReportVerdict(statistics.HasLabels ? "Cannot answer: no pairs judged by both with a label." : "Cannot answer: the pairs have no labels.", details, "unknown");
        }

        var a = statistics.Judges[primary];
        var b = statistics.Judges[other];
        var mcnemar = comparison.McNemar;
        var (primaryOnly, otherOnly) = flipped ? (mcnemar.C, mcnemar.B) : (mcnemar.B, mcnemar.C);
        var significant = mcnemar.ExactPValue < alpha;
        // The direction comes from the discordant pairs McNemar tests, not from accuracies that may cover different pairs.
        var better = primaryOnly > otherOnly;
        var pText = $"McNemar exact p = {Fmt.P(mcnemar.ExactPValue)}, χ² = {Fmt.Number(mcnemar.Statistic, "0.000")} with continuity correction, p = {Fmt.P(mcnemar.PValue)}";
        var accuracies = $"accuracy {Fmt.Metric(a.Accuracy)} for {DisplayName(primary)} against {Fmt.Metric(b.Accuracy)} for {DisplayName(other)}";
        string headline, tone, first;
        if (!significant)
        {
            headline = $"No significant difference in accuracy between {DisplayName(primary)} and {DisplayName(other)}.";
            tone = "same";
            first = $"On these pairs, {accuracies}; the difference is not significant at the {Pct(alpha)} level ({pText}). Not finding a difference does not prove the two are equally good: look at the confidence intervals below.";
        }
        else
        {
            headline = better
                ? $"Yes — {DisplayName(primary)} is more accurate than {DisplayName(other)} on these pairs."
                : $"No — {DisplayName(primary)} is less accurate than {DisplayName(other)} on these pairs.";
            tone = better ? "yes" : "no";
            first = $"{Capital(accuracies)}; the difference is significant at the {Pct(alpha)} level ({pText}).";
        }

        var details2 = new List<string>
        {
            first,
            $"Of {Fmt.Count(comparison.LabelledPairs)} labelled pairs both judged, {Fmt.Count(primaryOnly)} were right only by {DisplayName(primary)} and {Fmt.Count(otherOnly)} only by {DisplayName(other)}.",
        };
        if (comparison.DeLong is { } delong)
        {
            var (aucA, aucB, sign) = flipped ? (delong.AucB, delong.AucA, -1) : (delong.AucA, delong.AucB, 1);
            var ci = delong.Ci is { Count: 2 } c ? (sign > 0 ? $" ({level} CI of the difference [{Fmt.Metric(c[0])}, {Fmt.Metric(c[1])}])" : $" ({level} CI of the difference [{Fmt.Metric(-c[1])}, {Fmt.Metric(-c[0])}])") : string.Empty;
            var verdict = delong.PValue is null ? "could not be tested (no variance)" : delong.PValue < alpha ? "a significant difference" : "not a significant difference";
            details2.Add($"By ranking quality, on the labelled pairs both judges scored, AUROC is {Fmt.Metric(aucA)} for {DisplayName(primary)} and {Fmt.Metric(aucB)} for {DisplayName(other)}: difference {Fmt.Number(aucA - aucB, "+0.000;-0.000;0.000")}{ci}, DeLong z = {Fmt.Number(delong.Z is { } z ? sign * z : null, "0.000")}, p = {Fmt.P(delong.PValue)} — {verdict}.");
        }
        else
        {
            details2.Add("AUROCs could not be compared: scores are missing for one of the judges.");
        }

        if (agreement is not null)
        {
            details2.Add(agreement);
        }

        return new ReportVerdict(headline, details2, tone);
    }

    /// <summary>The question the verdict answers, as the report's heading: "Is Kimera as good as the LLM?" for Kimera and the
    /// LLM, the two judges' names for any other pair, "How good is X?" for one judge, and "Which judges are as good as the
    /// best one?" for more than two.</summary>
    public static string Question(StatisticsResult statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.ManyJudges is not null)
        {
            return "Which judges are as good as the best one?";
        }

        var names = statistics.Judges.Keys.ToList();
        var primary = names.FirstOrDefault(n => n.Equals(JudgeNames.Kimera, StringComparison.OrdinalIgnoreCase)) ?? names.FirstOrDefault();
        if (primary is null)
        {
            return "No judge results";
        }

        return Other(names, primary) is { } other
            ? $"Is {DisplayName(primary)} as good as {DisplayName(other)}?"
            : $"How good is {DisplayName(primary)}?";
    }

    /// <summary>The judge compared with <paramref name="primary"/>: the one named llm (unless that is the primary itself), else
    /// the next other judge; <c>null</c> when <paramref name="primary"/> is alone.</summary>
    private static string? Other(IReadOnlyList<string> names, string primary) =>
        names.FirstOrDefault(n => n != primary && n.Equals(JudgeNames.Llm, StringComparison.OrdinalIgnoreCase))
        ?? names.FirstOrDefault(n => n != primary);

    /// <summary>Why one judge cannot answer, and what to run instead: Kimera alone needs an LLM, the LLM alone needs Kimera,
    /// any other judge (from a judge file) needs a second judge.</summary>
    private static string OnlyOneJudge(string judge) =>
        judge.Equals(JudgeNames.Kimera, StringComparison.OrdinalIgnoreCase)
            ? "Only one judge (Kimera) is in these results, so it cannot be compared with an LLM. Run with both judges (--judges kimera,llm and an API key) to answer the question."
            : judge.Equals(JudgeNames.Llm, StringComparison.OrdinalIgnoreCase)
                ? "Only one judge (the LLM) is in these results, so it cannot be compared with Kimera. Run with both judges (--judges kimera,llm) to answer the question."
                : $"Only one judge ({judge}) is in these results, so there is nothing to compare it with. Add a second judge (--judges kimera,llm, or another entry in the judge file) to answer the question.";

    /// <summary>How a judge is named in sentences: "Kimera", "the LLM", or the column name as given.</summary>
    public static string DisplayName(string judge) =>
        judge.Equals(JudgeNames.Kimera, StringComparison.OrdinalIgnoreCase) ? "Kimera"
        : judge.Equals(JudgeNames.Llm, StringComparison.OrdinalIgnoreCase) ? "the LLM"
        : judge;

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Pct(double value) => (value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
