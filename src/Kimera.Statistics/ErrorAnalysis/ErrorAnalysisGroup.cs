using System.Text.Json.Serialization;

namespace Kimera.Statistics.ErrorAnalysis;

/// <summary>A judge's accuracy on one slice of the labelled pairs, with its Wilson score interval.</summary>
public sealed record ErrorAnalysisGroup(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("pairs")] long Pairs,
    [property: JsonPropertyName("correct")] long Correct,
    [property: JsonPropertyName("accuracy")] double? Accuracy,
    [property: JsonPropertyName("ci")] IReadOnlyList<double>? Ci);
