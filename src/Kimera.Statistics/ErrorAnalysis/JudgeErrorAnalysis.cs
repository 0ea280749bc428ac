using System.Text.Json.Serialization;

namespace Kimera.Statistics.ErrorAnalysis;

/// <summary>One judge's accuracy by pair length, language, pair type, negation and lexical overlap, and by the dataset's
/// slice column when it has one.</summary>
public sealed record JudgeErrorAnalysis(
    [property: JsonPropertyName("length")] IReadOnlyList<ErrorAnalysisGroup> Length,
    [property: JsonPropertyName("language")] IReadOnlyList<ErrorAnalysisGroup> Language,
    [property: JsonPropertyName("pair_type")] IReadOnlyList<ErrorAnalysisGroup> PairType,
    [property: JsonPropertyName("negation")] IReadOnlyList<ErrorAnalysisGroup> Negation,
    [property: JsonPropertyName("overlap")] IReadOnlyList<ErrorAnalysisGroup> Overlap)
{
    /// <summary>Accuracy by the value of the slice column (<see cref="ErrorAnalysisResult.SliceName"/>, e.g. MultiNLI's
    /// genre); null, and absent from the JSON, when no pair has a slice.</summary>
    [JsonPropertyName("slice")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ErrorAnalysisGroup>? Slice { get; init; }
}
