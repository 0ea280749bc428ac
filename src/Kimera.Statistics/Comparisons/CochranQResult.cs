using System.Text.Json.Serialization;

namespace Kimera.Statistics.Comparisons;

/// <summary>Cochran's Q test: do k judges have the same accuracy on the same labelled pairs?</summary>
/// <param name="Judges">k, the number of judges compared.</param>
/// <param name="Pairs">b, the pairs (blocks) every judge has a verdict on.</param>
/// <param name="Statistic">Q = (k − 1)(k·ΣCⱼ² − N²) / (k·N − ΣRᵢ²); null when every pair is right for all judges or wrong
/// for all (the denominator is 0: nothing tells the judges apart).</param>
/// <param name="DegreesOfFreedom">k − 1.</param>
/// <param name="PValue">Upper tail of χ²(k − 1) at Q; null with the statistic.</param>
public sealed record CochranQResult(
    [property: JsonPropertyName("judges")] int Judges,
    [property: JsonPropertyName("pairs")] long Pairs,
    [property: JsonPropertyName("statistic")] double? Statistic,
    [property: JsonPropertyName("degrees_of_freedom")] int DegreesOfFreedom,
    [property: JsonPropertyName("p_value")] double? PValue);
