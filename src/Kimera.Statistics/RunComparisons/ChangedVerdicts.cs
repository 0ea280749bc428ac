using System.Text.Json.Serialization;

namespace Kimera.Statistics.RunComparisons;

/// <summary>Pairs both runs judged on which the judge's verdict changed from run A to run B.</summary>
/// <param name="Count">Every changed pair, labelled or not.</param>
/// <param name="Fixed">Labelled pairs B now gets right (A got them wrong).</param>
/// <param name="Broken">Labelled pairs B now gets wrong (A got them right).</param>
/// <param name="Unlabelled">Changed pairs without a label.</param>
public sealed record ChangedVerdicts(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("fixed")] long Fixed,
    [property: JsonPropertyName("broken")] long Broken,
    [property: JsonPropertyName("unlabelled")] long Unlabelled)
{
    /// <summary>Positions in the compared pairs of the most typical changed pairs, most typical first: the widest gap
    /// between the two runs' scores first (a pair without both scores after every scored one), then pair id (ordinal).</summary>
    [JsonIgnore]
    public IReadOnlyList<int> MostTypical { get; init; } = [];
}
