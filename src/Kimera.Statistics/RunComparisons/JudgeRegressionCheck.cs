using System.Text.Json.Serialization;

namespace Kimera.Statistics.RunComparisons;

/// <summary>The rule applied to one judge.</summary>
/// <param name="DifferenceCi">The paired bootstrap interval of B − A at level 1 − alpha.</param>
public sealed record JudgeRegressionCheck(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("difference")] double? Difference,
    [property: JsonPropertyName("difference_ci")] IReadOnlyList<double>? DifferenceCi,
    [property: JsonPropertyName("holm_p_value")] double? HolmPValue,
    [property: JsonPropertyName("regressed")] bool Regressed,
    [property: JsonPropertyName("reason")] string Reason);
