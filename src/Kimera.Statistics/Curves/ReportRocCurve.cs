using System.Text.Json.Serialization;

namespace Kimera.Statistics.Curves;

/// <summary>ROC curve for the report, thresholds descending; the first threshold (+∞ in scikit-learn) is null.</summary>
public sealed record ReportRocCurve(
    [property: JsonPropertyName("fpr")] IReadOnlyList<double> Fpr,
    [property: JsonPropertyName("tpr")] IReadOnlyList<double> Tpr,
    [property: JsonPropertyName("thresholds")] IReadOnlyList<double?> Thresholds);
