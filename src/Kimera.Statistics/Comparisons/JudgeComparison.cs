using System.Text.Json.Serialization;

namespace Kimera.Statistics.Comparisons;

/// <summary>
/// Two judges on the same pairs (<c>comparisons[]</c> of the statistics object, docs/architecture.md "Contracts"). Agreement and kappa use every pair both
/// judged; McNemar, DeLong and the effect sizes use the labelled ones and are null without labels.
/// </summary>
/// <param name="Pairs">Pairs both judges gave a verdict on.</param>
/// <param name="LabelledPairs">Labelled pairs both judges gave a verdict on.</param>
public sealed record JudgeComparison(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("pairs")] long Pairs,
    [property: JsonPropertyName("agreement")] double? Agreement,
    [property: JsonPropertyName("cohen_kappa")] double? CohenKappa,
    [property: JsonPropertyName("labelled_pairs")] long LabelledPairs,
    [property: JsonPropertyName("mcnemar")] McNemarResult? McNemar,
    [property: JsonPropertyName("delong")] DeLongResult? DeLong,
    [property: JsonPropertyName("effect_sizes")] EffectSizes? EffectSizes);
