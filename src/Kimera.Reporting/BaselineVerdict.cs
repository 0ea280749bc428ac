using System.Globalization;
using Kimera.Statistics;
using Kimera.Statistics.Baselines;

namespace Kimera.Reporting;

/// <summary>
/// One plain sentence per judge against what answering without reading the texts scores (<c>judges.&lt;name&gt;.baselines</c>):
/// its accuracy with its interval against the majority class, with McNemar's exact p of its verdicts against the majority
/// class's constant answer; its F1 beside always answering "contradiction"; its AUROC against chance (0.5) by its interval.
/// Shared by the terminal summary and report.html.
/// </summary>
public static class BaselineVerdict
{
    /// <summary>"kimera: accuracy 0.580 [0.440, 0.720] is no better than the majority class, always answering "contradiction"
    /// (0.580; McNemar exact p = 1.000); F1 …; AUROC 0.484 [0.320, 0.650] is no better than chance (0.5)."; null when the judge
    /// has no labelled verdict (nothing to compare).</summary>
    public static string? Sentence(string judge, JudgeStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.Baselines is not { } baselines || statistics.Accuracy is null)
        {
            return null;
        }

        var majority = baselines.MajorityClass;
        var always = baselines.AlwaysContradiction;
        var accuracy = $"accuracy {Fmt.WithInterval(statistics.Accuracy, statistics.Ci?.Accuracy)} {Compared(baselines.Accuracy)} the majority class, always answering \"{majority.Answer}\" ({Fmt.Metric(majority.Accuracy)}; McNemar exact p = {Fmt.P(baselines.McNemar.ExactPValue)})";
        var f1 = $"F1 {Fmt.WithInterval(statistics.F1, statistics.Ci?.F1)} against {Fmt.Metric(always.F1)} for always answering \"{always.Answer}\"";
        return $"{judge}: {accuracy}; {f1}; {Auroc(statistics, baselines)}.";
    }

    /// <summary>"is better than", "is no better than", "is worse than".</summary>
    private static string Compared(BaselineOutcome outcome) => outcome switch
    {
        BaselineOutcome.Better => "is better than",
        BaselineOutcome.Worse => "is worse than",
        _ => "is no better than",
    };

    private static string Auroc(JudgeStatistics statistics, JudgeBaselines baselines)
    {
        var chance = baselines.ChanceAuroc.ToString("0.0", CultureInfo.InvariantCulture);
        if (statistics.Auroc is null)
        {
            return "AUROC n/a (its labelled pairs are all of one class, or it gives no score)";
        }

        var value = Fmt.WithInterval(statistics.Auroc, statistics.Ci?.Auroc);
        return baselines.Auroc switch
        {
            BaselineOutcome.Better => $"AUROC {value} is better than chance ({chance})",
            BaselineOutcome.Worse => $"AUROC {value} is below chance ({chance}): its score points the wrong way",
            BaselineOutcome.NoBetter => $"AUROC {value} is no better than chance ({chance}): its interval includes {chance}",
            _ => $"AUROC {value}, compared with chance ({chance}): n/a (no bootstrap interval)",
        };
    }
}
