using System.Text.Json.Serialization;

namespace Kimera.Statistics.CrossValidation;

/// <summary>Stratified k-fold cross-validation of a decision threshold on a score: per-fold results and mean ± sd.</summary>
public sealed record CrossValidationResult(
    [property: JsonPropertyName("score")] string Score,
    [property: JsonPropertyName("objective")] string Objective,
    [property: JsonPropertyName("folds")] IReadOnlyList<CrossValidationFold> Folds,
    [property: JsonPropertyName("accuracy")] MeanSd Accuracy,
    [property: JsonPropertyName("precision")] MeanSd Precision,
    [property: JsonPropertyName("recall")] MeanSd Recall,
    [property: JsonPropertyName("f1")] MeanSd F1,
    [property: JsonPropertyName("threshold")] MeanSd Threshold)
{
    /// <summary>True when, in every fold, the threshold chosen on the training folds calls every test pair a contradiction:
    /// the best the score allows is answering "contradiction" always, so it separates nothing.</summary>
    [JsonIgnore]
    public bool CallsEveryPairAContradiction => Folds.Count > 0 && Folds.All(f => f.TestPairs > 0 && f.PredictedContradictions == f.TestPairs);
}
