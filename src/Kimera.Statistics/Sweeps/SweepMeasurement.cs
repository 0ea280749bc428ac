using System.Text.Json.Serialization;

namespace Kimera.Statistics.Sweeps;

/// <summary>One swept value and its judge's metrics with their bootstrap intervals (the same numbers as
/// <c>judges.&lt;judge&gt;</c>; null where undefined or without resamples).</summary>
public sealed record SweepMeasurement(
    [property: JsonPropertyName("judge")] string Judge,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("accuracy")] double? Accuracy,
    [property: JsonPropertyName("accuracy_ci")] IReadOnlyList<double>? AccuracyCi,
    [property: JsonPropertyName("f1")] double? F1,
    [property: JsonPropertyName("f1_ci")] IReadOnlyList<double>? F1Ci,
    [property: JsonPropertyName("auroc")] double? Auroc,
    [property: JsonPropertyName("auroc_ci")] IReadOnlyList<double>? AurocCi);
