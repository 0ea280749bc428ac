using Kimera.Statistics.Intervals;

namespace Kimera.Statistics.RunComparisons;

/// <summary>The metrics of A and B on every resample of a <see cref="PairedBootstrap"/>; NaN where a resample leaves a
/// metric undefined (one class for AUROC, no positive label or verdict for F1): such resamples are left out of it.</summary>
public sealed class PairedResamples
{
    private readonly double[][] _a;
    private readonly double[][] _b;

    internal PairedResamples(int resamples)
    {
        _a = [new double[resamples], new double[resamples], new double[resamples]];
        _b = [new double[resamples], new double[resamples], new double[resamples]];
    }

    public int Count => _a[0].Length;

    /// <summary>A's value of <paramref name="metric"/> on each resample.</summary>
    public IReadOnlyList<double> A(ComparedMetric metric) => _a[(int)metric];

    /// <summary>B's value of <paramref name="metric"/> on each resample.</summary>
    public IReadOnlyList<double> B(ComparedMetric metric) => _b[(int)metric];

    /// <summary>B − A on each resample where both are defined.</summary>
    public IEnumerable<double> Differences(ComparedMetric metric)
    {
        var a = _a[(int)metric];
        var b = _b[(int)metric];
        for (var r = 0; r < a.Length; r++)
        {
            if (double.IsFinite(a[r]) && double.IsFinite(b[r]))
            {
                yield return b[r] - a[r];
            }
        }
    }

    /// <summary>Percentile interval of B − A at <paramref name="level"/>; null when no resample defines it.</summary>
    public double[]? DifferenceInterval(ComparedMetric metric, double level) => ConfidenceInterval.Percentile(Differences(metric), level);

    /// <summary>
    /// Two-sided bootstrap p-value of "B − A = 0": 2·(k + 1)/(R + 1), capped at 1, with k the resamples on the smaller
    /// side of 0 (a difference of exactly 0 counts on both sides) and R the resamples that define the difference
    /// (Davison &amp; Hinkley 1997, §4.4: the +1 keeps a p-value from being 0 after finitely many resamples). Null when no
    /// resample defines the difference.
    /// </summary>
    public double? PValue(ComparedMetric metric)
    {
        long total = 0, atMostZero = 0, atLeastZero = 0;
        foreach (var d in Differences(metric))
        {
            total++;
            atMostZero += d <= 0 ? 1 : 0;
            atLeastZero += d >= 0 ? 1 : 0;
        }

        return total == 0 ? null : Math.Min(1.0, 2.0 * (Math.Min(atMostZero, atLeastZero) + 1) / (total + 1));
    }

    internal void Set(int r, (double Accuracy, double F1, double Auroc) a, (double Accuracy, double F1, double Auroc) b)
    {
        (_a[0][r], _a[1][r], _a[2][r]) = a;
        (_b[0][r], _b[1][r], _b[2][r]) = b;
    }
}
