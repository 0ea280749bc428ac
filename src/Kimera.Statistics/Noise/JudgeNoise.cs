using Kimera.Statistics.Comparisons;
using Kimera.Statistics.Intervals;

namespace Kimera.Statistics.Noise;

/// <summary>Judge noise from repeated verdicts on the same pairs: flip rate with its Wilson interval, Fleiss' kappa across
/// repeats, and the noise floor (the spread of the repeats' accuracies).</summary>
public static class JudgeNoise
{
    /// <summary>The noise of <paramref name="verdicts"/>[r][i] (repeat r's verdict on pair i, null = no verdict) against
    /// <paramref name="labels"/>[i] (null = unlabelled).</summary>
    public static JudgeNoiseResult Compute(IReadOnlyList<IReadOnlyList<bool?>> verdicts, IReadOnlyList<bool?> labels, double confidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(verdicts.Count, 2, nameof(verdicts));
        if (verdicts.Any(v => v.Count != labels.Count))
        {
            throw new ArgumentException($"Every repeat needs a verdict slot for each of the {labels.Count} pairs.", nameof(verdicts));
        }

        var complete = Enumerable.Range(0, labels.Count).Where(i => verdicts.All(v => v[i] is not null)).ToArray();
        long flipped = complete.LongCount(i => verdicts.Any(v => v[i] != verdicts[0][i]));
        var agreement = complete.Length == 0
            ? null
            : FleissKappa.FromVerdicts([.. verdicts.Select(v => (IReadOnlyList<bool>)[.. complete.Select(i => v[i]!.Value)])]);

        var labelled = complete.Where(i => labels[i] is not null).ToArray();
        double[] accuracies = labelled.Length == 0
            ? []
            : [.. verdicts.Select(v => (double)labelled.Count(i => v[i] == labels[i]) / labelled.Length)];
        return new JudgeNoiseResult(
            verdicts.Count,
            complete.Length,
            flipped,
            complete.Length == 0 ? null : (double)flipped / complete.Length,
            ConfidenceInterval.Wilson(flipped, complete.Length, confidenceLevel),
            agreement,
            accuracies,
            accuracies.Length == 0 ? null : accuracies.Max() - accuracies.Min());
    }
}
