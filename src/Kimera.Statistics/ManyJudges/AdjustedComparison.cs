using System.Text.Json.Serialization;

namespace Kimera.Statistics.ManyJudges;

/// <summary>The p-values of one pairwise comparison (<c>comparisons[]</c>), Holm-adjusted over every pair of judges in the run:
/// each kind of test is one family of N(N − 1)/2 tests. Null where the unadjusted test is null (no labels, no discordant pairs).</summary>
public sealed record AdjustedComparison(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("mcnemar_p_holm")] double? McNemarPHolm,
    [property: JsonPropertyName("mcnemar_exact_p_holm")] double? McNemarExactPHolm,
    [property: JsonPropertyName("delong_p_holm")] double? DeLongPHolm);
