using System.Text.Json.Serialization;

namespace Kimera.Statistics.Baselines;

/// <summary>What a judge that gives the same answer on every pair scores: its answer, accuracy and F1 of the
/// contradiction class, on the labelled pairs the judge being compared judged.</summary>
/// <param name="Answer"><c>contradiction</c> or <c>no contradiction</c>.</param>
public sealed record BaselineScores(
    [property: JsonPropertyName("answer")] string Answer,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("f1")] double F1);
