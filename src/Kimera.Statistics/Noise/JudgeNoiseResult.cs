using System.Text.Json.Serialization;
using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.Noise;

/// <summary>How much one judge's verdicts move when it is asked the same pairs again (its repeats).</summary>
/// <param name="Repeats">How many times each pair was asked.</param>
/// <param name="Pairs">Pairs with a verdict in every repeat (the others are left out).</param>
/// <param name="Flipped">Of those, pairs whose verdicts were not all the same.</param>
/// <param name="FlipRate">Flipped ÷ pairs; null without pairs.</param>
/// <param name="FlipRateCi">Wilson score interval of the flip rate.</param>
/// <param name="Agreement">Fleiss' kappa of the repeats taken as raters; null without pairs.</param>
/// <param name="RepeatAccuracies">Each repeat's accuracy on the labelled pairs among them, in repeat order (empty without labels).</param>
/// <param name="NoiseFloor">The largest accuracy difference between two repeats: what re-asking the same judge alone changes,
/// to be read beside the differences between judges; null without labels.</param>
public sealed record JudgeNoiseResult(
    [property: JsonPropertyName("repeats")] int Repeats,
    [property: JsonPropertyName("pairs")] long Pairs,
    [property: JsonPropertyName("flipped")] long Flipped,
    [property: JsonPropertyName("flip_rate")] double? FlipRate,
    [property: JsonPropertyName("flip_rate_ci")] IReadOnlyList<double>? FlipRateCi,
    [property: JsonPropertyName("agreement")] FleissKappaResult? Agreement,
    [property: JsonPropertyName("repeat_accuracies")] IReadOnlyList<double> RepeatAccuracies,
    [property: JsonPropertyName("noise_floor")] double? NoiseFloor);
