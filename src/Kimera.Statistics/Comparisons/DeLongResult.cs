using System.Text.Json.Serialization;

namespace Kimera.Statistics.Comparisons;

/// <summary>DeLong's test of two correlated AUROCs on the same pairs; <c>ci</c> is the interval of auc_a − auc_b.</summary>
/// <param name="Variance">Estimated variance of auc_a − auc_b.</param>
/// <param name="Z">(auc_a − auc_b) / √variance; null when the variance is zero.</param>
/// <param name="PValue">Two-sided normal p-value of <paramref name="Z"/>.</param>
public sealed record DeLongResult(
    [property: JsonPropertyName("auc_a")] double AucA,
    [property: JsonPropertyName("auc_b")] double AucB,
    [property: JsonPropertyName("z")] double? Z,
    [property: JsonPropertyName("p_value")] double? PValue,
    [property: JsonPropertyName("ci")] IReadOnlyList<double>? Ci,
    [property: JsonPropertyName("variance")] double Variance);
