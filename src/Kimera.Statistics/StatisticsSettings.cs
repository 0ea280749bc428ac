using System.Text.Json.Serialization;

namespace Kimera.Statistics;

/// <summary>The settings the statistics were computed with, echoed in the result so a reader can reproduce them.</summary>
public sealed record StatisticsSettings(
    [property: JsonPropertyName("bootstrap_resamples")] int BootstrapResamples,
    [property: JsonPropertyName("confidence_level")] double ConfidenceLevel,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("folds")] int Folds,
    [property: JsonPropertyName("threshold_objective")] string ThresholdObjective,
    [property: JsonPropertyName("zero_division")] string ZeroDivision);
