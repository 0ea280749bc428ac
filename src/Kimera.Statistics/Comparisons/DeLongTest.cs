using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Kimera.Statistics.Comparisons;

/// <summary>
/// DeLong, DeLong &amp; Clarke-Pearson (1988) test of two correlated AUROCs, in the O(n log n) midrank form of
/// Sun &amp; Xu (2014, IEEE Signal Processing Letters 21(11)). Hand-written: no .NET library offers it.
/// </summary>
public static class DeLongTest
{
    /// <summary>
    /// Compares the AUROC of scores a and b on the same labelled pairs; null when either class has fewer than
    /// two pairs (the structural covariances need two of each).
    /// </summary>
    public static DeLongResult? Compare(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scoresA, ReadOnlySpan<double> scoresB, double level = 0.95)
    {
        if (labels.Length != scoresA.Length || labels.Length != scoresB.Length)
        {
            throw new ArgumentException($"Labels ({labels.Length}) and scores ({scoresA.Length}, {scoresB.Length}) differ in length.", nameof(scoresB));
        }

        var m = 0;
        foreach (var label in labels)
        {
            m += label ? 1 : 0;
        }

        var n = labels.Length - m;
        if (m < 2 || n < 2)
        {
            return null;
        }

        var a = Components(labels, scoresA, m, n);
        var b = Components(labels, scoresB, m, n);

        // S = S10/m + S01/n; var(a − b) = S_aa + S_bb − 2·S_ab.
        var s10 = Covariances(a.V10, b.V10, a.Auc, b.Auc);
        var s01 = Covariances(a.V01, b.V01, a.Auc, b.Auc);
        var variance = ((s10.Aa + s10.Bb - (2 * s10.Ab)) / m) + ((s01.Aa + s01.Bb - (2 * s01.Ab)) / n);
        var difference = a.Auc - b.Auc;
        if (!(variance > 0))
        {
            return new DeLongResult(a.Auc, b.Auc, null, null, null, Math.Max(0, variance));
        }

        var se = Math.Sqrt(variance);
        var z = difference / se;
        var p = SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));
        var q = Normal.InvCDF(0, 1, 1 - ((1 - level) / 2));
        return new DeLongResult(a.Auc, b.Auc, z, p, [difference - (q * se), difference + (q * se)], variance);
    }

    /// <summary>
    /// AUROC and the structural components V10 (per positive: share of negatives it outranks, ties ½) and V01
    /// (per negative: share of positives that outrank it), from midranks over all, over positives and over negatives.
    /// </summary>
    internal static (double Auc, double[] V10, double[] V01) Components(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, int m, int n)
    {
        var positives = new double[m];
        var negatives = new double[n];
        int pi = 0, ni = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i])
            {
                positives[pi++] = scores[i];
            }
            else
            {
                negatives[ni++] = scores[i];
            }
        }

        var all = new double[m + n];
        positives.CopyTo(all, 0);
        negatives.CopyTo(all, m);
        var tz = MidRanks(all);
        var tx = MidRanks(positives);
        var ty = MidRanks(negatives);
        var v10 = new double[m];
        var v01 = new double[n];
        double rankSum = 0;
        for (var i = 0; i < m; i++)
        {
            rankSum += tz[i];
            v10[i] = (tz[i] - tx[i]) / n;
        }

        for (var j = 0; j < n; j++)
        {
            v01[j] = 1 - ((tz[m + j] - ty[j]) / m);
        }

        var auc = (rankSum - (m * (m + 1.0) / 2)) / ((double)m * n);
        return (auc, v10, v01);
    }

    /// <summary>1-based ranks, tied values sharing the mean of their ranks.</summary>
    internal static double[] MidRanks(double[] values)
    {
        var order = new int[values.Length];
        var keys = (double[])values.Clone();
        for (var i = 0; i < order.Length; i++)
        {
            if (!double.IsFinite(keys[i]))
            {
                throw new ArgumentException($"Score {keys[i]} at index {i} is not a finite number.", nameof(values));
            }

            order[i] = i;
        }

        Array.Sort(keys, order);
        var ranks = new double[values.Length];
        var start = 0;
        while (start < keys.Length)
        {
            var end = start;
            while (end + 1 < keys.Length && keys[end + 1] == keys[start])
            {
                end++;
            }

            var midrank = ((start + end) / 2.0) + 1;
            for (var r = start; r <= end; r++)
            {
                ranks[order[r]] = midrank;
            }

            start = end + 1;
        }

        return ranks;
    }

    private static (double Aa, double Bb, double Ab) Covariances(double[] a, double[] b, double meanA, double meanB)
    {
        double aa = 0, bb = 0, ab = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var da = a[i] - meanA;
            var db = b[i] - meanB;
            aa += da * da;
            bb += db * db;
            ab += da * db;
        }

        var dof = a.Length - 1;
        return (aa / dof, bb / dof, ab / dof);
    }
}
