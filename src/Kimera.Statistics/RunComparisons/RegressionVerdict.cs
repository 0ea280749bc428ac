using System.Text.Json.Serialization;

namespace Kimera.Statistics.RunComparisons;

/// <summary>The decision of <see cref="RegressionRule"/> on two runs, with one line saying why.</summary>
/// <param name="Metric">accuracy, f1 or auroc.</param>
/// <param name="Regressed">True when B is significantly worse than A beyond the margin for some judge.</param>
/// <param name="Reason">One line: the regressing judges, or why each judge is not shown worse.</param>
public sealed record RegressionVerdict(
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("alpha")] double Alpha,
    [property: JsonPropertyName("margin")] double Margin,
    [property: JsonPropertyName("regressed")] bool Regressed,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("judges")] IReadOnlyList<JudgeRegressionCheck> Judges);
