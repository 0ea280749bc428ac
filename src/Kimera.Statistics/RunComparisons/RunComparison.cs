using System.Text.Json.Serialization;

namespace Kimera.Statistics.RunComparisons;

/// <summary>Two runs compared judge by judge on the pairs they share (<see cref="RunComparer"/>).</summary>
/// <param name="Pairs">Pairs present in both runs.</param>
/// <param name="BootstrapResamples">Resamples of the paired bootstrap; 0 = no intervals and no F1 test.</param>
/// <param name="ConfidenceLevel">Level of every interval.</param>
/// <param name="Seed">Seed of the bootstrap: the same seed gives the same intervals.</param>
/// <param name="Regression">The regression gate's decision, when a rule was given.</param>
public sealed record RunComparison(
    [property: JsonPropertyName("pairs")] long Pairs,
    [property: JsonPropertyName("judges")] IReadOnlyList<JudgeRunComparison> Judges,
    [property: JsonPropertyName("bootstrap_resamples")] int BootstrapResamples,
    [property: JsonPropertyName("confidence_level")] double ConfidenceLevel,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("regression")] RegressionVerdict? Regression);
