
namespace Kimera.Statistics.Intervals;

/// <summary>Percentile and Wilson confidence intervals.</summary>
public static class ConfidenceInterval
{
    /// <summary>
    /// Quantile of sorted values with linear interpolation between order statistics (Hyndman–Fan type 7,
    /// the default of R's <c>quantile</c> and NumPy's <c>percentile</c>).
    /// </summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double probability)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("Quantile of no values.", nameof(sorted));
        }

        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Probability must lie in [0, 1].");
        }

        var h = (sorted.Length - 1) * probability;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((h - lower) * (sorted[upper] - sorted[lower]));
    }

    /// <summary>Percentile interval [q(α/2), q(1 − α/2)] of the finite values; null when none is finite.</summary>
    public static double[]? Percentile(IEnumerable<double> values, double level)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return null;
        }

        Array.Sort(finite);
        var alpha = 1 - level;
        return [Quantile(finite, alpha / 2), Quantile(finite, 1 - (alpha / 2))];
    }

    /// <summary>Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>; null when there are no trials.</summary>
    public static double[]? Wilson(long successes, long trials, double level)
    {
        if (trials == 0)
        {
            return null;
        }

        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - ((1 - level) / 2));
        var p = (double)successes / trials;
        var z2n = z * z / trials;
        var centre = (p + (z2n / 2)) / (1 + z2n);
        var half = z / (1 + z2n) * Math.Sqrt((p * (1 - p) / trials) + (z2n / (4 * trials)));
        return [Math.Max(0, centre - half), Math.Min(1, centre + half)];
    }
}
