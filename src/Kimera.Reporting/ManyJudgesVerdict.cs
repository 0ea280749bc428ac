using System.Globalization;
using Kimera.Statistics;

namespace Kimera.Reporting;

/// <summary>
/// "Which judges are as good as the best one?" in plain words, for more than two judges: the most accurate judge and the
/// judges <c>many_judges.as_good_as_best</c> keeps (Holm-adjusted exact McNemar against the best not below 1 − the
/// confidence level), each other judge with its adjusted p, then Cochran's Q and Fleiss' kappa over all judges.
/// </summary>
public static class ManyJudgesVerdict
{
    /// <summary>The verdict of statistics with a <c>many_judges</c> section.</summary>
    /// <exception cref="ArgumentException">The statistics have no <c>many_judges</c> section (two judges or fewer).</exception>
    public static ReportVerdict Of(StatisticsResult statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var many = statistics.ManyJudges ?? throw new ArgumentException("Only statistics of more than two judges have a many_judges section.", nameof(statistics));
        var names = statistics.Judges.Keys.ToList();
        var level = Pct(statistics.Settings.ConfidenceLevel);
        var alpha = Pct(1 - statistics.Settings.ConfidenceLevel);
        if (many.ByAccuracy.Count == 0)
        {
            List<string> unknown =
            [
                statistics.HasLabels
                    ? "No judge has a verdict on a labelled pair, so no accuracy can be measured or compared."
                    : $"The pairs have no labels, so no judge's accuracy can be measured and this report cannot say which of the {names.Count} judges is best. Labels are never invented.",
            ];
            if (many.FleissKappa is { } f)
            {
                unknown.Add($"All {names.Count} judges agree beyond chance with Fleiss' κ = {Fmt.Metric(f.Kappa)} over the {Fmt.Count(f.Subjects)} pairs every judge judged; agreement says how alike the judges are, not which one is right.");
            }

            return new ReportVerdict(statistics.HasLabels ? "Cannot answer: no labelled verdicts." : "Cannot answer: the pairs have no labels.", unknown, "unknown");
        }

        var best = many.ByAccuracy[0];
        // Judges with identical verdicts on every pair share the first rank: none of them is "the" best.
        var tiedBest = many.ByAccuracy.Where(r => r.Rank == best.Rank).Select(r => r.Judge).ToList();
        var bestName = tiedBest.Count > 1 ? $"{List(tiedBest)}, tied" : Name(best.Judge);
        var good = many.AsGoodAsBest;
        var worse = many.ByAccuracy.Select(r => r.Judge).Where(j => !good.Contains(j)).ToList();
        var headline = worse.Count == 0
            ? $"All {many.ByAccuracy.Count} judges are as good as the best one ({bestName}): none is shown less accurate."
            : $"{Capital(List(good))} {(good.Count == 1 ? "is" : "are")} as good as the best one; {List(worse)} {(worse.Count == 1 ? "is" : "are")} less accurate.";

        var most = tiedBest.Count > 1
            ? $"The most accurate judges are {List(tiedBest)}, tied: their verdicts are identical on every pair, with accuracy {Fmt.WithInterval(best.Value, best.Ci)}"
            : $"The most accurate judge is {Name(best.Judge)} with accuracy {Fmt.WithInterval(best.Value, best.Ci)}";
        var details = new List<string>
        {
            $"{most} ({level} bootstrap interval in brackets). A judge counts as good as the best when McNemar's exact test against it, Holm-adjusted over all {Fmt.Count(many.Pairwise.Count)} pairs of judges, finds no difference at the {alpha} level. Not finding a difference does not prove two judges equally good: look at the intervals.",
        };
        foreach (var rank in many.ByAccuracy.Skip(1))
        {
            if (rank.Rank == best.Rank)
            {
                continue;
            }

            var test = many.Pairwise.Single(p => (p.A == best.Judge && p.B == rank.Judge) || (p.A == rank.Judge && p.B == best.Judge));
            details.Add($"{Capital(Name(rank.Judge))}: accuracy {Fmt.WithInterval(rank.Value, rank.Ci)}, adjusted p = {Fmt.P(test.McNemarExactPHolm)} against {Name(best.Judge)} — {(good.Contains(rank.Judge) ? "not shown less accurate" : "less accurate")}.");
        }

        var unranked = names.Where(n => many.ByAccuracy.All(r => r.Judge != n)).ToList();
        if (unranked.Count > 0)
        {
            details.Add($"Not ranked (no verdict on a labelled pair): {List(unranked)}.");
        }

        if (many.CochranQ is { } q)
        {
            var differ = q.PValue is null ? "could not be tested (every judge right or wrong together on every pair)" : q.PValue < 1 - statistics.Settings.ConfidenceLevel ? "the accuracies differ" : "no evidence that the accuracies differ";
            details.Add(string.Create(CultureInfo.InvariantCulture, $"Over the {Fmt.Count(q.Pairs)} labelled pairs every judge judged, Cochran's Q = {Fmt.Number(q.Statistic, "0.000")} with {q.DegreesOfFreedom} degrees of freedom, p = {Fmt.P(q.PValue)}: {differ}."));
        }

        if (many.FleissKappa is { } fleiss)
        {
            details.Add($"All {names.Count} judges agree beyond chance with Fleiss' κ = {Fmt.Metric(fleiss.Kappa)} over the {Fmt.Count(fleiss.Subjects)} pairs every judge judged.");
        }

        return new ReportVerdict(headline, details, worse.Count == 0 ? "yes" : "same");
    }

    private static string Name(string judge) => ReportVerdict.DisplayName(judge);

    private static string List(IReadOnlyList<string> judges)
    {
        var names = judges.Select(Name).ToList();
        return names.Count switch
        {
            0 => string.Empty,
            1 => names[0],
            _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
        };
    }

    /// <summary>A sentence's first word: "the LLM" becomes "The LLM"; a judge's own name is kept as written.</summary>
    private static string Capital(string text) => text.StartsWith("the ", StringComparison.Ordinal) ? "T" + text[1..] : text;

    private static string Pct(double value) => (value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
