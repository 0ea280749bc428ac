using System.Text.Json.Serialization;

namespace Kimera.Reporting.RunComparisons;

/// <summary>A pair whose verdict changed from run A to run B, with both runs' score and reason.</summary>
/// <param name="Label">The gold label (true = contradiction); null when unlabelled.</param>
public sealed record ChangedPair(
    [property: JsonPropertyName("pair_id")] string PairId,
    [property: JsonPropertyName("text1")] string? Text1,
    [property: JsonPropertyName("text2")] string? Text2,
    [property: JsonPropertyName("label")] bool? Label,
    [property: JsonPropertyName("a")] ChangedVerdict A,
    [property: JsonPropertyName("b")] ChangedVerdict B);
