using System.Globalization;
using Kimera.Statistics;

namespace Kimera.Reporting;

/// <summary>
/// The plain-words warning for a judge whose score ranks contradictions <em>below</em> non-contradictions. It is given
/// when the upper end of the AUROC's bootstrap confidence interval is below 0.5 (the AUROC of a random ranking), so the
/// data rule out a ranking that is merely no better than chance; without an interval (bootstrap off) nothing is said.
/// </summary>
public static class InvertedRanking
{
    /// <summary>The AUROC of a score that ranks at random; the interval must lie entirely below it.</summary>
    public const double Chance = 0.5;

    /// <summary>True when the AUROC's interval lies entirely below <see cref="Chance"/>.</summary>
    public static bool Applies(JudgeStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return statistics.Auroc is not null && statistics.Ci?.Auroc is { Count: 2 } ci && ci[1] < Chance;
    }

    /// <summary>The warning for <paramref name="judge"/>, or null when <see cref="Applies"/> is false.</summary>
    /// <param name="confidenceLevel">The level of the bootstrap intervals (0.95 for 95%).</param>
    public static string? Sentence(string judge, JudgeStatistics statistics, double confidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(judge);
        if (!Applies(statistics))
        {
            return null;
        }

        var auroc = statistics.Auroc!.Value;
        var ci = statistics.Ci!.Auroc!;
        var name = ReportVerdict.DisplayName(judge);
        var level = (confidenceLevel * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
        return $"{Capital(name)}'s score ranks contradictions below non-contradictions on these pairs: AUROC {Fmt.Metric(auroc)} "
            + $"({level} interval {Fmt.Interval(ci)}, entirely under {Chance.ToString("0.0", CultureInfo.InvariantCulture)}, the value of a random ranking). "
            + $"Given one labelled contradiction and one labelled non-contradiction, the non-contradiction gets the higher score {Fmt.Percent(1 - auroc)} of the time (ties count half): "
            + "the score points the wrong way on this data, so a higher score here does not mean a more likely contradiction. Its most typical mistakes are listed below.";
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
