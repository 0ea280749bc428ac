using System.Text.Json.Serialization;

namespace Kimera.Reporting.RunComparisons;

/// <summary>The most typical changed pairs of one judge compared (counts are in the judge's <c>changed</c>).</summary>
public sealed record ChangedPairs(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("pairs")] IReadOnlyList<ChangedPair> Pairs);
