using System.Text.Json.Serialization;

namespace Kimera.Statistics.ManyJudges;

/// <summary>One judge's place in a ranking: its value and the bootstrap interval of that value (null without resamples).</summary>
public sealed record JudgeRank(
    [property: JsonPropertyName("judge")] string Judge,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("ci")] IReadOnlyList<double>? Ci)
{
    /// <summary>1 for the first; judges tied with each other share the rank of the first of them, and the next judge's rank
    /// counts them all (1, 1, 3).</summary>
    [JsonPropertyName("rank")]
    public int Rank { get; init; }

    /// <summary>The other judges whose outcomes are identical to this one's on every pair (verdicts in the accuracy ranking,
    /// scores in the AUROC ranking), so nothing can tell them apart; empty when none.</summary>
    [JsonPropertyName("tied_with")]
    public IReadOnlyList<string> TiedWith { get; init; } = [];

    /// <summary>True when the judge shares its rank with another judge.</summary>
    [JsonIgnore]
    public bool Tied => TiedWith.Count > 0;
}
