using System.Text.Json.Serialization;

namespace Kimera.Statistics.Curves;

/// <summary>Precision–recall curve for the report, thresholds ascending; the last point (precision 1, recall 0) has a null threshold.</summary>
public sealed record ReportPrecisionRecallCurve(
    [property: JsonPropertyName("precision")] IReadOnlyList<double> Precision,
    [property: JsonPropertyName("recall")] IReadOnlyList<double> Recall,
    [property: JsonPropertyName("thresholds")] IReadOnlyList<double?> Thresholds);
