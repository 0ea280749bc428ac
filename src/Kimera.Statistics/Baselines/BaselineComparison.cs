using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.Baselines;

/// <summary>Computes <see cref="JudgeBaselines"/> from a judge's labelled verdicts, its AUROC and the AUROC's interval.</summary>
public static class BaselineComparison
{
    /// <summary>The AUROC of a score that ranks at random.</summary>
    public const double ChanceAuroc = 0.5;

    public const string Contradiction = "contradiction";

    public const string NoContradiction = "no contradiction";

    /// <summary>The baselines of the labelled pairs a judge judged; null when there are none.</summary>
    /// <param name="labels">Gold labels (true = contradiction) of the pairs the judge judged.</param>
    /// <param name="predictions">The judge's verdicts on the same pairs.</param>
    /// <param name="auroc">The judge's AUROC, null when undefined.</param>
    /// <param name="aurocInterval">Its bootstrap interval [lo, hi]; null without resamples.</param>
    /// <param name="alpha">1 − the confidence level: the exact McNemar p under which the judge differs from the majority class.</param>
    public static JudgeBaselines? Compute(IReadOnlyList<bool> labels, IReadOnlyList<bool> predictions, double? auroc, IReadOnlyList<double>? aurocInterval, double alpha)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predictions);
        if (labels.Count != predictions.Count)
        {
            throw new ArgumentException($"Labels ({labels.Count}) and predictions ({predictions.Count}) differ in length.", nameof(predictions));
        }

        if (labels.Count == 0)
        {
            return null;
        }

        long pairs = labels.Count;
        long contradictions = labels.Count(l => l);
        var majorityIsContradiction = contradictions * 2 >= pairs;
        var alwaysContradiction = new BaselineScores(
            Contradiction, (double)contradictions / pairs, ConfusionMatrix.F1Of(contradictions, pairs - contradictions, 0));
        var majority = majorityIsContradiction
            ? alwaysContradiction
            : new BaselineScores(NoContradiction, (double)(pairs - contradictions) / pairs, 0);

        // The baseline is right exactly on the pairs labelled with its answer.
        bool[] judgeRight = [.. labels.Select((label, i) => predictions[i] == label)];
        bool[] baselineRight = [.. labels.Select(label => label == majorityIsContradiction)];
        var mcnemar = McNemarTest.FromCorrectness(judgeRight, baselineRight);
        var accuracy = mcnemar.ExactPValue >= alpha || mcnemar.B == mcnemar.C
            ? BaselineOutcome.NoBetter
            : mcnemar.B > mcnemar.C ? BaselineOutcome.Better : BaselineOutcome.Worse;

        BaselineOutcome? aurocOutcome = auroc is null || aurocInterval is not { Count: 2 } ci
            ? null
            : ci[0] > ChanceAuroc ? BaselineOutcome.Better
            : ci[1] < ChanceAuroc ? BaselineOutcome.Worse
            : BaselineOutcome.NoBetter;

        return new JudgeBaselines(pairs, contradictions, majority, alwaysContradiction, ChanceAuroc, mcnemar, accuracy, aurocOutcome);
    }
}
