using Kimera.Statistics.Curves;
using Kimera.Statistics.Intervals;

namespace Kimera.Statistics.CrossValidation;

/// <summary>
/// Stratified k-fold cross-validation that picks a decision threshold (predict a contradiction when
/// score ≥ threshold) on the training folds and measures it on the test fold.
/// </summary>
/// <remarks>
/// Fold rule, deterministic: take the indices of the positive pairs in row order, then those of the negative pairs
/// in row order; when shuffling, each list is shuffled by Fisher–Yates with the generator of stream 0 (positives)
/// or 1 (negatives) of the seed. Deal the positives round-robin to folds 0, 1, …, k − 1, 0, …; the negatives continue
/// the same cycle where the positives stopped, so class shares and fold sizes differ by at most one.
/// The threshold is the distinct training score that maximises the objective; ties go to the highest threshold.
/// </remarks>
public static class ThresholdCrossValidation
{
    /// <summary>Fold (0..k−1) of every pair, by the rule above.</summary>
    public static int[] AssignFolds(IReadOnlyList<bool> labels, int folds, long seed, bool shuffle)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation needs at least 2 folds.");
        }

        var assignment = new int[labels.Count];
        var next = 0;
        foreach (var (positive, stream) in new[] { (true, 0L), (false, 1L) })
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == positive).ToArray();
            if (shuffle)
            {
                var random = SeededRandom.ForStream(seed, stream);
                for (var i = members.Length - 1; i > 0; i--)
                {
                    var j = random.NextInt(i + 1);
                    (members[i], members[j]) = (members[j], members[i]);
                }
            }

            foreach (var index in members)
            {
                assignment[index] = next;
                next = (next + 1) % folds;
            }
        }

        return assignment;
    }

    /// <summary>Cross-validates a threshold on <paramref name="scores"/>; null when there are fewer pairs than folds or a class is missing.</summary>
    public static CrossValidationResult? Run(
        string scoreName, IReadOnlyList<bool> labels, IReadOnlyList<double> scores, int folds, long seed, ThresholdObjective objective, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        if (labels.Count != scores.Count)
        {
            throw new ArgumentException($"Labels ({labels.Count}) and scores ({scores.Count}) differ in length.", nameof(scores));
        }

        if (labels.Count < folds || !labels.Contains(true) || !labels.Contains(false))
        {
            return null;
        }

        var assignment = AssignFolds(labels, folds, seed, shuffle);
        var results = new List<CrossValidationFold>(folds);
        for (var fold = 0; fold < folds; fold++)
        {
            var trainLabels = new List<bool>();
            var trainScores = new List<double>();
            for (var i = 0; i < labels.Count; i++)
            {
                if (assignment[i] != fold)
                {
                    trainLabels.Add(labels[i]);
                    trainScores.Add(scores[i]);
                }
            }

            var threshold = BestThreshold(trainLabels, trainScores, objective);
            long tp = 0, fp = 0, tn = 0, fn = 0;
            for (var i = 0; i < labels.Count; i++)
            {
                if (assignment[i] != fold)
                {
                    continue;
                }

                var predicted = scores[i] >= threshold;
                switch (labels[i], predicted)
                {
                    case (true, true): tp++; break;
                    case (false, true): fp++; break;
                    case (false, false): tn++; break;
                    default: fn++; break;
                }
            }

            var matrix = new ConfusionMatrix(tp, fp, tn, fn);
            results.Add(new CrossValidationFold(fold, (int)matrix.Total, threshold, matrix.Accuracy ?? 0, matrix.Precision, matrix.Recall, matrix.F1)
            {
                PredictedContradictions = (int)(tp + fp),
            });
        }

        return new CrossValidationResult(
            scoreName,
            objective == ThresholdObjective.F1 ? "f1" : "youden_j",
            results,
            MeanSd.Of([.. results.Select(f => f.Accuracy)]),
            MeanSd.Of([.. results.Select(f => f.Precision)]),
            MeanSd.Of([.. results.Select(f => f.Recall)]),
            MeanSd.Of([.. results.Select(f => f.F1)]),
            MeanSd.Of([.. results.Select(f => f.Threshold)]));
    }

    /// <summary>The distinct score maximising the objective when used as "score ≥ threshold"; ties keep the highest.</summary>
    public static double BestThreshold(IReadOnlyList<bool> labels, IReadOnlyList<double> scores, ThresholdObjective objective)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            throw new ArgumentException("No scores to pick a threshold from.", nameof(scores));
        }

        var steps = RankingMetrics.Steps([.. labels], [.. scores]);
        var best = double.NegativeInfinity;
        var bestThreshold = steps.Thresholds[0];
        for (var k = 0; k < steps.Count; k++)
        {
            var tp = steps.Tps[k];
            var fp = steps.Fps[k];
            var value = objective == ThresholdObjective.F1
                ? ConfusionMatrix.F1Of(tp, fp, steps.Positives - tp)
                : YoudenJ(tp, fp, steps.Positives, steps.Negatives);

            // Thresholds descend, so a strict improvement is needed to move to a lower one.
            if (value > best)
            {
                best = value;
                bestThreshold = steps.Thresholds[k];
            }
        }

        return bestThreshold;
    }

    /// <summary>
    /// J = tp/P − fp/N as the single fraction (tp·N − fp·P)/(P·N), so that equal values compare equal and the
    /// tie rule holds (2/3 and 1 − 1/3 differ in floating point). A missing class contributes 0.
    /// </summary>
    private static double YoudenJ(long tp, long fp, long positives, long negatives) =>
        positives == 0 ? (negatives == 0 ? 0 : -(double)fp / negatives)
        : negatives == 0 ? (double)tp / positives
        : (double)((tp * negatives) - (fp * positives)) / (positives * negatives);
}
