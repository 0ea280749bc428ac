
namespace Kimera.Statistics.Curves;

/// <summary>
/// Threshold-free metrics of a scored binary judge: ROC curve, AUROC, precision–recall curve and average precision,
/// with the same tie handling and step definitions as scikit-learn.
/// </summary>
/// <remarks>
/// Written by hand because no maintained .NET library reproduces scikit-learn's definitions (MathNet has none;
/// ML.NET's evaluators need its data pipeline). A higher score means "more likely a contradiction"; equal scores
/// form one threshold, so tied positives and negatives count ½ in AUROC (Mann–Whitney).
/// </remarks>
public static class RankingMetrics
{
    /// <summary>Area under the ROC curve, or null when the labels hold only one class.</summary>
    public static double? Auroc(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        var steps = Steps(labels, scores);
        if (steps.Positives == 0 || steps.Negatives == 0)
        {
            return null;
        }

        // Each negative at a threshold is outranked by every positive of higher thresholds and ties with the
        // positives of its own; doubled to stay in exact integer arithmetic.
        long twiceWins = 0, positivesAbove = 0;
        for (var k = 0; k < steps.Count; k++)
        {
            var positives = steps.Tps[k] - positivesAbove;
            var negatives = steps.Fps[k] - (k == 0 ? 0 : steps.Fps[k - 1]);
            twiceWins += negatives * ((2 * positivesAbove) + positives);
            positivesAbove = steps.Tps[k];
        }

        return twiceWins / (2.0 * steps.Positives * steps.Negatives);
    }

    /// <summary>
    /// ROC curve: one point per distinct score (descending) after a (0, 0) point at threshold +∞; with
    /// <paramref name="dropIntermediate"/> the points that lie on a straight segment are dropped as scikit-learn does.
    /// Null when the labels hold only one class.
    /// </summary>
    public static RocCurve? Roc(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, bool dropIntermediate = true)
    {
        var steps = Steps(labels, scores);
        if (steps.Positives == 0 || steps.Negatives == 0)
        {
            return null;
        }

        var keep = new List<int>(steps.Count);
        for (var k = 0; k < steps.Count; k++)
        {
            // scikit-learn keeps the ends and every point where the second difference of fps or tps is non-zero.
            var corner = k == 0 || k == steps.Count - 1 || !dropIntermediate || steps.Count <= 2
                || steps.Fps[k + 1] - (2 * steps.Fps[k]) + steps.Fps[k - 1] != 0
                || steps.Tps[k + 1] - (2 * steps.Tps[k]) + steps.Tps[k - 1] != 0;
            if (corner)
            {
                keep.Add(k);
            }
        }

        var fpr = new double[keep.Count + 1];
        var tpr = new double[keep.Count + 1];
        var thresholds = new double[keep.Count + 1];
        thresholds[0] = double.PositiveInfinity;
        for (var i = 0; i < keep.Count; i++)
        {
            fpr[i + 1] = (double)steps.Fps[keep[i]] / steps.Negatives;
            tpr[i + 1] = (double)steps.Tps[keep[i]] / steps.Positives;
            thresholds[i + 1] = steps.Thresholds[keep[i]];
        }

        return new RocCurve(fpr, tpr, thresholds);
    }

    /// <summary>Precision–recall curve in scikit-learn's order (increasing threshold, then the (1, 0) end); null without positives.</summary>
    public static PrecisionRecallCurve? PrecisionRecall(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        var steps = Steps(labels, scores);
        if (steps.Positives == 0)
        {
            return null;
        }

        var precision = new double[steps.Count + 1];
        var recall = new double[steps.Count + 1];
        var thresholds = new double[steps.Count];
        for (var k = 0; k < steps.Count; k++)
        {
            var at = steps.Count - 1 - k;
            precision[at] = (double)steps.Tps[k] / (steps.Tps[k] + steps.Fps[k]);
            recall[at] = (double)steps.Tps[k] / steps.Positives;
            thresholds[at] = steps.Thresholds[k];
        }

        precision[steps.Count] = 1;
        recall[steps.Count] = 0;
        return new PrecisionRecallCurve(precision, recall, thresholds);
    }

    /// <summary>Average precision AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ over distinct thresholds (scikit-learn's step sum, no interpolation); null without positives.</summary>
    public static double? AveragePrecision(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        var steps = Steps(labels, scores);
        if (steps.Positives == 0)
        {
            return null;
        }

        // Σ ΔTPₙ·Pₙ, divided by the positives once at the end: adding P steps of 1/P each drifts past 1 (nine steps of
        // 1/9 sum to 1.0000000000000002), whereas at precision 1 this sum is the integer P and the quotient exactly 1.
        // Each term is at most ΔTPₙ, so the sum can only pass P by rounding; the clamp keeps AP within [0, 1] then too.
        double weighted = 0;
        long previousTp = 0;
        for (var k = 0; k < steps.Count; k++)
        {
            var tp = steps.Tps[k];
            weighted += (tp - previousTp) * ((double)tp / (tp + steps.Fps[k]));
            previousTp = tp;
        }

        return Math.Min(1.0, weighted / steps.Positives);
    }

    /// <summary>Cumulative true and false positives at each distinct score, scores descending (scikit-learn's <c>_binary_clf_curve</c>).</summary>
    internal static ClassifierSteps Steps(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        if (labels.Length != scores.Length)
        {
            throw new ArgumentException($"Labels ({labels.Length}) and scores ({scores.Length}) differ in length.", nameof(scores));
        }

        var order = new int[scores.Length];
        var keys = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException($"Score {scores[i]} at index {i} is not a finite number.", nameof(scores));
            }

            order[i] = i;
            keys[i] = -scores[i];
        }

        Array.Sort(keys, order);
        var tps = new List<long>();
        var fps = new List<long>();
        var thresholds = new List<double>();
        long tp = 0, fp = 0;
        for (var r = 0; r < order.Length; r++)
        {
            if (labels[order[r]])
            {
                tp++;
            }
            else
            {
                fp++;
            }

            if (r == order.Length - 1 || keys[r + 1] != keys[r])
            {
                tps.Add(tp);
                fps.Add(fp);
                thresholds.Add(-keys[r]);
            }
        }

        return new ClassifierSteps([.. tps], [.. fps], [.. thresholds], tp, fp);
    }

    internal sealed record ClassifierSteps(long[] Tps, long[] Fps, double[] Thresholds, long Positives, long Negatives)
    {
        public int Count => Tps.Length;
    }
}
