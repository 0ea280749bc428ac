using System.Text.Json.Serialization;

namespace Kimera.Statistics.ErrorAnalysis;

/// <summary>The error analysis of every judge, with the bucket definitions it used.</summary>
/// <param name="Interval">How the accuracy intervals are computed (<c>wilson</c>).</param>
/// <param name="LengthMeasure">What the length buckets count.</param>
/// <param name="LengthCutPoints">Distinct type-7 quantiles j/q of the pair lengths (j = 1..q−1); bucket i is (c_i, c_{i+1}].</param>
/// <param name="OverlapEdges">Inner edges of the Jaccard buckets [0, e1), [e1, e2), …, [ek, 1].</param>
public sealed record ErrorAnalysisResult(
    [property: JsonPropertyName("interval")] string Interval,
    [property: JsonPropertyName("length_measure")] string LengthMeasure,
    [property: JsonPropertyName("length_cut_points")] IReadOnlyList<double> LengthCutPoints,
    [property: JsonPropertyName("overlap_edges")] IReadOnlyList<double> OverlapEdges,
    [property: JsonPropertyName("judges")] IReadOnlyDictionary<string, JudgeErrorAnalysis> Judges)
{
    /// <summary>The name of the slice column whose values <see cref="JudgeErrorAnalysis.Slice"/> groups by (<c>genre</c>;
    /// <c>slice</c> when not given); null, and absent from the JSON, when no pair has a slice.</summary>
    [JsonPropertyName("slice_name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SliceName { get; init; }
}
