using System.Text.Json.Serialization;

namespace Kimera.Statistics.ManyJudges;

/// <summary>One judge's place in a ranking: its value and the bootstrap interval of that value (null without resamples).</summary>
public sealed record JudgeRank(
    [property: JsonPropertyName("judge")] string Judge,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("ci")] IReadOnlyList<double>? Ci);
