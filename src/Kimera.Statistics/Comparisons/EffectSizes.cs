using System.Text.Json.Serialization;

namespace Kimera.Statistics.Comparisons;

/// <summary>Effect sizes of the difference between two judges on the same labelled pairs.</summary>
/// <param name="CohenH">2·asin√acc_a − 2·asin√acc_b.</param>
/// <param name="DiscordantOddsRatio">b / c of McNemar's table; null when c = 0.</param>
/// <param name="CohenD">
/// (mean score_a − mean score_b) / √((sd_a² + sd_b²)/2) on the pairs both scored (Cohen's d with the average
/// of the two sample variances, the usual choice for paired samples); null when both sds are zero or fewer than 2 pairs.
/// </param>
public sealed record EffectSizes(
    [property: JsonPropertyName("cohen_h")] double? CohenH,
    [property: JsonPropertyName("discordant_odds_ratio")] double? DiscordantOddsRatio,
    [property: JsonPropertyName("cohen_d")] double? CohenD)
{
    /// <summary>Cohen's h between two proportions.</summary>
    public static double CohenHOf(double proportionA, double proportionB) =>
        (2 * Math.Asin(Math.Sqrt(proportionA))) - (2 * Math.Asin(Math.Sqrt(proportionB)));

    /// <summary>Cohen's d of two score samples with the average of their sample variances; null when undefined.</summary>
    public static double? CohenDOf(ReadOnlySpan<double> scoresA, ReadOnlySpan<double> scoresB)
    {
        if (scoresA.Length < 2 || scoresB.Length < 2)
        {
            return null;
        }

        var (meanA, varianceA) = MeanVariance(scoresA);
        var (meanB, varianceB) = MeanVariance(scoresB);
        var pooled = Math.Sqrt((varianceA + varianceB) / 2);
        return pooled > 0 ? (meanA - meanB) / pooled : null;
    }

    private static (double Mean, double Variance) MeanVariance(ReadOnlySpan<double> values)
    {
        double mean = 0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double sum = 0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return (mean, sum / (values.Length - 1));
    }
}
