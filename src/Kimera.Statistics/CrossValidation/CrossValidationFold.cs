using System.Text.Json.Serialization;

namespace Kimera.Statistics.CrossValidation;

/// <summary>One test fold: the threshold picked on the other folds and the metrics it gives on this one.</summary>
public sealed record CrossValidationFold(
    [property: JsonPropertyName("fold")] int Fold,
    [property: JsonPropertyName("test_pairs")] int TestPairs,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1)
{
    /// <summary>How many of the test pairs the threshold calls a contradiction (all of them: the threshold separates nothing).</summary>
    [JsonPropertyName("predicted_contradictions")]
    public int PredictedContradictions { get; init; }
}
