using System.Text.Json.Serialization;
using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.RunComparisons;

/// <summary>One judge of run A against one judge of run B on the labelled pairs both judged (<c>judges[]</c> of
/// <c>kimera compare --json</c>).</summary>
/// <param name="Pairs">Labelled pairs both runs' judges gave a verdict on: accuracy, F1 and McNemar use these.</param>
/// <param name="ScoredPairs">Those of them with a score in both runs: AUROC and DeLong use these.</param>
/// <param name="McNemar">A against B: <c>b</c> = pairs A got right and B wrong (broken), <c>c</c> the reverse (fixed).</param>
/// <param name="DeLong">DeLong's test of the two AUROCs; its <c>ci</c> is of auc_a − auc_b (the opposite sign of
/// <see cref="MetricComparison.Difference"/>); null with fewer than two pairs of either class.</param>
public sealed record JudgeRunComparison(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("pairs")] long Pairs,
    [property: JsonPropertyName("scored_pairs")] long ScoredPairs,
    [property: JsonPropertyName("accuracy")] MetricComparison Accuracy,
    [property: JsonPropertyName("f1")] MetricComparison F1,
    [property: JsonPropertyName("auroc")] MetricComparison Auroc,
    [property: JsonPropertyName("mcnemar")] McNemarResult McNemar,
    [property: JsonPropertyName("delong")] DeLongResult? DeLong,
    [property: JsonPropertyName("changed")] ChangedVerdicts Changed)
{
    /// <summary>The comparison of <paramref name="metric"/>.</summary>
    public MetricComparison Of(ComparedMetric metric) => metric switch
    {
        ComparedMetric.Accuracy => Accuracy,
        ComparedMetric.F1 => F1,
        ComparedMetric.Auroc => Auroc,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
