using System.Text.Json.Serialization;

namespace Kimera.Statistics.Curves;

/// <summary>A judge's ROC and precision–recall curves (null when the labelled pairs hold one class only).</summary>
public sealed record JudgeCurves(
    [property: JsonPropertyName("roc")] ReportRocCurve? Roc,
    [property: JsonPropertyName("pr")] ReportPrecisionRecallCurve? Pr);
