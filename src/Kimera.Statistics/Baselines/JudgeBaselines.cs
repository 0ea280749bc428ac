using System.Text.Json.Serialization;
using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.Baselines;

/// <summary>
/// <c>judges.&lt;name&gt;.baselines</c>: what answering without looking at the texts scores on the labelled pairs this judge
/// judged, and whether the judge does better. Accuracy is tested with McNemar's exact test of the judge's verdicts against
/// the majority class's constant answer; AUROC by whether its bootstrap interval excludes 0.5, the AUROC of chance.
/// </summary>
/// <param name="Pairs">The labelled pairs the judge judged (its <c>evaluated</c> pairs).</param>
/// <param name="Contradictions">How many of them are labelled contradictions.</param>
/// <param name="MajorityClass">Always answering the more frequent label (contradiction on an exact tie).</param>
/// <param name="AlwaysContradiction">Always answering "contradiction".</param>
/// <param name="ChanceAuroc">0.5, the AUROC of a score that ranks at random.</param>
/// <param name="McNemar">The judge against the majority class: <c>b</c> = pairs the judge got right and the majority class
/// wrong (the judge's right answers of the minority label), <c>c</c> the reverse.</param>
/// <param name="Accuracy">The judge's accuracy against the majority class's, by <paramref name="McNemar"/>'s exact p.</param>
/// <param name="Auroc">The judge's AUROC against chance, by its interval; null without an AUROC or an interval.</param>
public sealed record JudgeBaselines(
    [property: JsonPropertyName("pairs")] long Pairs,
    [property: JsonPropertyName("contradictions")] long Contradictions,
    [property: JsonPropertyName("majority_class")] BaselineScores MajorityClass,
    [property: JsonPropertyName("always_contradiction")] BaselineScores AlwaysContradiction,
    [property: JsonPropertyName("chance_auroc")] double ChanceAuroc,
    [property: JsonPropertyName("mcnemar")] McNemarResult McNemar,
    [property: JsonPropertyName("accuracy_verdict")] BaselineOutcome Accuracy,
    [property: JsonPropertyName("auroc_verdict")] BaselineOutcome? Auroc);
