using System.Text.Json.Serialization;

namespace Kimera.Statistics.Intervals;

/// <summary>Percentile bootstrap confidence intervals [lo, hi]; a null interval could not be estimated.</summary>
public sealed record BootstrapIntervals(
    [property: JsonPropertyName("accuracy")] IReadOnlyList<double>? Accuracy,
    [property: JsonPropertyName("f1")] IReadOnlyList<double>? F1,
    [property: JsonPropertyName("auroc")] IReadOnlyList<double>? Auroc);
