using System.Text.Json.Serialization;

namespace Kimera.Statistics.RunComparisons;

/// <summary>One metric of one judge in run A and in run B on the same pairs, their difference and its paired test.</summary>
/// <param name="A">The metric in run A; null where undefined (no pair, or one class for AUROC).</param>
/// <param name="ACi">Percentile bootstrap interval of <paramref name="A"/> (the same resamples as the difference).</param>
/// <param name="Difference">B − A: negative when B is worse.</param>
/// <param name="DifferenceCi">Paired bootstrap interval of B − A: each resample draws pairs and scores both runs on the same draw.</param>
/// <param name="Test">The paired test of the difference: <c>mcnemar_exact</c>, <c>paired_bootstrap</c> or <c>delong</c>.</param>
/// <param name="PValue">Its two-sided p-value; null when it cannot be computed.</param>
/// <param name="HolmPValue">The p-value Holm-adjusted across the judges compared (one family per metric).</param>
public sealed record MetricComparison(
    [property: JsonPropertyName("a")] double? A,
    [property: JsonPropertyName("a_ci")] IReadOnlyList<double>? ACi,
    [property: JsonPropertyName("b")] double? B,
    [property: JsonPropertyName("b_ci")] IReadOnlyList<double>? BCi,
    [property: JsonPropertyName("difference")] double? Difference,
    [property: JsonPropertyName("difference_ci")] IReadOnlyList<double>? DifferenceCi,
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("p_value")] double? PValue,
    [property: JsonPropertyName("holm_p_value")] double? HolmPValue);
