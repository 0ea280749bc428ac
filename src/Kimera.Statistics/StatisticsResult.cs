using System.Text.Json;
using System.Text.Json.Serialization;
using Kimera.Statistics.Comparisons;
using Kimera.Statistics.CrossValidation;
using Kimera.Statistics.ErrorAnalysis;
using Kimera.Statistics.ManyJudges;
using Kimera.Statistics.Noise;
using Kimera.Statistics.Sweeps;

namespace Kimera.Statistics;

/// <summary>
/// The statistics object of docs/architecture.md ("Contracts") (<c>statistics</c> in report.json, <c>kimera analyze --json</c>), with the
/// extra sections cross_validation, error_analysis and settings. Undefined numbers are null, never NaN.
/// </summary>
/// <param name="Pairs">All pairs.</param>
/// <param name="Labelled">Pairs with a gold label.</param>
/// <param name="Message">Plain statement of what could not be measured (no labels, partial labels); null otherwise.</param>
public sealed record StatisticsResult(
    [property: JsonPropertyName("pairs")] long Pairs,
    [property: JsonPropertyName("labelled")] long Labelled,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("judges")] IReadOnlyDictionary<string, JudgeStatistics> Judges,
    [property: JsonPropertyName("comparisons")] IReadOnlyList<JudgeComparison> Comparisons,
    [property: JsonPropertyName("cross_validation")] IReadOnlyList<CrossValidationResult> CrossValidation,
    [property: JsonPropertyName("error_analysis")] ErrorAnalysisResult? ErrorAnalysis,
    [property: JsonPropertyName("settings")] StatisticsSettings Settings)
{
    /// <summary>Statistics over all judges at once when there are more than two; absent from the JSON otherwise, so the
    /// two-judge object keeps its shape.</summary>
    [JsonPropertyName("many_judges")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ManyJudgesResult? ManyJudges { get; init; }

    /// <summary>Per judge asked each pair more than once (its <c>J@k</c> repeat columns): how much its verdicts move between
    /// repeats. Null (absent from the JSON) when no judge has repeats, so objects without repeats keep their shape.</summary>
    [JsonPropertyName("noise")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JudgeNoiseResult>? Noise { get; init; }

    /// <summary>Position bias of each judge asked in both orders (<c>name@ab</c>, <c>name@ba</c> columns): the two orders read as
    /// two repeats, so <c>flip_rate</c> is the share of pairs whose verdict differs between (text1, text2) and (text2, text1),
    /// with its Wilson interval, and <c>repeat_accuracies</c> is each order's accuracy; <c>null</c> when no judge was.</summary>
    [JsonPropertyName("order_noise")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JudgeNoiseResult>? OrderNoise { get; init; }

    /// <summary>Accuracy, F1 and AUROC against the swept value when the run is a sweep; null (absent) otherwise.</summary>
    [JsonPropertyName("sweep")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SweepResult? Sweep { get; init; }

    /// <summary>Message of a dataset without labels.</summary>
    public const string NoLabelsMessage = "no labels: only agreement between judges can be measured";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>True when at least one pair is labelled.</summary>
    [JsonIgnore]
    public bool HasLabels => Labelled > 0;

    /// <summary>The object as JSON (property names are fixed by attributes; no naming policy needed).</summary>
    public string ToJson(bool indented = true) => JsonSerializer.Serialize(this, indented ? Indented : JsonSerializerOptions.Default);
}
