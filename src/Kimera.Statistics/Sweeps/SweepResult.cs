using System.Globalization;
using System.Text.Json.Serialization;

namespace Kimera.Statistics.Sweeps;

/// <summary>The <c>sweep</c> section of the statistics object: the swept option and, per value in the order of the
/// <see cref="SweepAxis"/>, the metrics of the judge that ran with it.</summary>
/// <param name="Parameter">The swept option as the user wrote it.</param>
/// <param name="Points">One entry per swept value, in the axis order.</param>
public sealed record SweepResult(
    [property: JsonPropertyName("parameter")] string Parameter,
    [property: JsonPropertyName("points")] IReadOnlyList<SweepMeasurement> Points)
{
    /// <summary>The section of <paramref name="axis"/>, read from each point's judge statistics.</summary>
    /// <exception cref="ArgumentException">A point names a judge that is not in <paramref name="judges"/>.</exception>
    public static SweepResult Of(SweepAxis axis, IReadOnlyDictionary<string, JudgeStatistics> judges)
    {
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentNullException.ThrowIfNull(judges);
        var points = new List<SweepMeasurement>(axis.Points.Count);
        foreach (var point in axis.Points)
        {
            if (!judges.TryGetValue(point.Judge, out var j))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The sweep of '{axis.Parameter}' names judge '{point.Judge}' (value {point.Value}), which is not among the judges ({string.Join(", ", judges.Keys)})."),
                    nameof(axis));
            }

            points.Add(new SweepMeasurement(point.Judge, point.Value, j.Accuracy, j.Ci?.Accuracy, j.F1, j.Ci?.F1, j.Auroc, j.Ci?.Auroc));
        }

        return new SweepResult(axis.Parameter, points);
    }
}
