using System.Text.Json.Serialization;
using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.ManyJudges;

/// <summary>The <c>many_judges</c> section of the statistics object, present when more than two judges are compared.</summary>
/// <param name="CochranQ">Do all judges have the same accuracy? Over the labelled pairs every judge judged; null without labels.</param>
/// <param name="FleissKappa">Agreement of all judges' verdicts beyond chance, over the pairs every judge judged; null when there is none.</param>
/// <param name="Pairwise">Every pair of judges' p-values, Holm-adjusted.</param>
/// <param name="ByAccuracy">Judges by accuracy, best first (ties by name); judges without labelled verdicts are left out.</param>
/// <param name="ByAuroc">Judges by AUROC, best first (ties by name); judges without scores are left out.</param>
/// <param name="AsGoodAsBest">"Which judges are as good as the best one?": the most accurate judge and every judge whose accuracy
/// does not differ from it by McNemar's exact test, Holm-adjusted, at 1 − the confidence level.</param>
public sealed record ManyJudgesResult(
    [property: JsonPropertyName("cochran_q")] CochranQResult? CochranQ,
    [property: JsonPropertyName("fleiss_kappa")] FleissKappaResult? FleissKappa,
    [property: JsonPropertyName("pairwise")] IReadOnlyList<AdjustedComparison> Pairwise,
    [property: JsonPropertyName("by_accuracy")] IReadOnlyList<JudgeRank> ByAccuracy,
    [property: JsonPropertyName("by_auroc")] IReadOnlyList<JudgeRank> ByAuroc,
    [property: JsonPropertyName("as_good_as_best")] IReadOnlyList<string> AsGoodAsBest);
