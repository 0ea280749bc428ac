using System.Text.Json.Serialization;

namespace Kimera.Reporting.RunComparisons;

/// <summary>One run's verdict on a changed pair.</summary>
public sealed record ChangedVerdict(
    [property: JsonPropertyName("pred")] bool Pred,
    [property: JsonPropertyName("score")] double? Score,
    [property: JsonPropertyName("reasoning")] string? Reasoning);
