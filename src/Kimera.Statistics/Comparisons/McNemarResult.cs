using System.Text.Json.Serialization;

namespace Kimera.Statistics.Comparisons;

/// <summary>McNemar's test: <c>b</c> = pairs judge a got right and judge b wrong, <c>c</c> the reverse.</summary>
/// <param name="Statistic">Continuity-corrected χ² = (|b − c| − 1)² / (b + c), as R's <c>mcnemar.test</c>; null when b + c = 0.</param>
/// <param name="PValue">Upper tail of χ²(1) at the statistic; null when b + c = 0.</param>
/// <param name="ExactPValue">Exact two-sided binomial p = min(1, 2·P(X ≤ min(b, c))), X ~ Binomial(b + c, ½).</param>
public sealed record McNemarResult(
    [property: JsonPropertyName("b")] long B,
    [property: JsonPropertyName("c")] long C,
    [property: JsonPropertyName("statistic")] double? Statistic,
    [property: JsonPropertyName("p_value")] double? PValue,
    [property: JsonPropertyName("exact_p_value")] double ExactPValue)
{
    /// <summary>Two-sided mid-p = 2·[P(X &lt; min(b, c)) + ½·P(X = min(b, c))]: less conservative than the exact p, and
    /// close to the nominal level (Fagerland, Lydersen &amp; Laake 2013); 1 when b + c = 0.</summary>
    [JsonPropertyName("mid_p_value")]
    public double MidPValue { get; init; } = 1;
}
