using System.Text.Json.Serialization;

namespace Kimera.Statistics.ErrorAnalysis;

/// <summary>One judge's accuracy by pair length, language, pair type, negation and lexical overlap.</summary>
public sealed record JudgeErrorAnalysis(
    [property: JsonPropertyName("length")] IReadOnlyList<ErrorAnalysisGroup> Length,
    [property: JsonPropertyName("language")] IReadOnlyList<ErrorAnalysisGroup> Language,
    [property: JsonPropertyName("pair_type")] IReadOnlyList<ErrorAnalysisGroup> PairType,
    [property: JsonPropertyName("negation")] IReadOnlyList<ErrorAnalysisGroup> Negation,
    [property: JsonPropertyName("overlap")] IReadOnlyList<ErrorAnalysisGroup> Overlap);
