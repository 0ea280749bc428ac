using System.Text.Json.Serialization;
using Kimera.Statistics.Baselines;
using Kimera.Statistics.Curves;
using Kimera.Statistics.Intervals;

namespace Kimera.Statistics;

/// <summary>
/// One judge's metrics on the labelled pairs it judged (<c>judges.&lt;name&gt;</c> of the statistics object, docs/architecture.md "Contracts"); every
/// label-based number is null on an unlabelled dataset or where undefined.
/// </summary>
/// <param name="Judged">Pairs with a verdict from this judge (labelled or not).</param>
/// <param name="Evaluated">Labelled pairs with a verdict: the pairs the metrics are computed on.</param>
/// <param name="PositiveRate">Share of judged pairs called a contradiction.</param>
/// <param name="Errors">Pairs without a verdict (left out of every metric).</param>
public sealed record JudgeStatistics(
    [property: JsonPropertyName("accuracy")] double? Accuracy,
    [property: JsonPropertyName("precision")] double? Precision,
    [property: JsonPropertyName("recall")] double? Recall,
    [property: JsonPropertyName("f1")] double? F1,
    [property: JsonPropertyName("macro_f1")] double? MacroF1,
    [property: JsonPropertyName("auroc")] double? Auroc,
    [property: JsonPropertyName("average_precision")] double? AveragePrecision,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("judged")] long Judged,
    [property: JsonPropertyName("evaluated")] long Evaluated,
    [property: JsonPropertyName("positive_rate")] double? PositiveRate,
    [property: JsonPropertyName("confusion")] ConfusionMatrix? Confusion,
    [property: JsonPropertyName("ci")] BootstrapIntervals? Ci,
    [property: JsonPropertyName("curves")] JudgeCurves? Curves)
{
    /// <summary>Why pairs got no verdict: the most frequent causes (<see cref="ErrorCause.Normalise"/>d) with their counts.</summary>
    [JsonPropertyName("error_causes")]
    public IReadOnlyList<ErrorCause> ErrorCauses { get; init; } = [];

    /// <summary>The majority class, "always contradiction" and chance AUROC on the same pairs, and whether this judge beats
    /// them; null when no labelled pair has a verdict from it.</summary>
    [JsonPropertyName("baselines")]
    public JudgeBaselines? Baselines { get; init; }
}
