using Kimera.Judging;
using Kimera.Statistics;
using Kimera.Statistics.CrossValidation;

namespace Kimera.Reporting;

/// <summary>
/// What the cross-validated threshold (<c>cross_validation</c>) says beyond a judge's own verdicts, in words: that the best
/// threshold on its score calls every pair a contradiction (the score separates nothing), or that a threshold chosen on
/// held-out folds is more accurate than the verdicts. For Kimera the raw resonance is read the same way. Nothing is said
/// when the threshold adds nothing. Shared by the terminal summary and report.html.
/// </summary>
public static class ThresholdVerdict
{
    /// <summary>The sentences for every judge of <paramref name="statistics"/>, in judge order.</summary>
    public static IReadOnlyList<string> Sentences(StatisticsResult statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var sentences = new List<string>();
        foreach (var (name, judge) in statistics.Judges)
        {
            if (judge.Accuracy is not { } accuracy)
            {
                continue;
            }

            if (Find(statistics, name) is { } own && Sentence(name, "its score", own, accuracy) is { } s)
            {
                sentences.Add(s);
            }

            if (name.Equals(JudgeNames.Kimera, StringComparison.OrdinalIgnoreCase)
                && Find(statistics, StatisticsCalculator.ResonanceScoreName) is { } resonance
                && Sentence(name, "the raw resonance", resonance, accuracy) is { } r)
            {
                sentences.Add(r);
            }
        }

        return sentences;
    }

    private static CrossValidationResult? Find(StatisticsResult statistics, string score) =>
        statistics.CrossValidation.FirstOrDefault(c => c.Score == score);

    private static string? Sentence(string judge, string score, CrossValidationResult cv, double accuracy)
    {
        if (cv.CallsEveryPairAContradiction)
        {
            return $"{judge}: the best threshold on {score}, chosen on held-out folds, calls every pair a contradiction, so {score} separates nothing (cross-validated accuracy {Fmt.Metric(cv.Accuracy.Mean)}).";
        }

        return Math.Round(cv.Accuracy.Mean, 3) > Math.Round(accuracy, 3)
            ? $"{judge}: a threshold on {score} chosen on held-out folds reaches accuracy {Fmt.Metric(cv.Accuracy.Mean)} where {judge}'s own verdicts reach {Fmt.Metric(accuracy)}."
            : null;
    }
}
