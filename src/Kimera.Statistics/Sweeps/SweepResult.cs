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
    /// <summary>False when every variant gave the same verdict (or the same error) on every pair: the option decides no
    /// verdict over this range, so the variants are tied whatever their scores. True with a single value.</summary>
    [JsonPropertyName("verdicts_changed")]
    public bool VerdictsChanged { get; init; } = true;

    /// <summary>"resonance_threshold changed no verdict across its 4 values" when <see cref="VerdictsChanged"/> is false;
    /// null (absent) otherwise.</summary>
    [JsonPropertyName("note")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note => VerdictsChanged ? null : NoVerdictChanged(Parameter, Points.Count);

    /// <summary>The sentence of a sweep whose option changed no verdict.</summary>
    public static string NoVerdictChanged(string parameter, int values) =>
        string.Create(CultureInfo.InvariantCulture, $"{parameter} changed no verdict across its {values} values: every variant gave the same verdict on every pair");

    /// <summary>The section of <paramref name="axis"/>, read from each point's judge statistics, and whether any verdict differs
    /// between the points' judges in <paramref name="rows"/> (whose outcomes follow <paramref name="judgeNames"/>).</summary>
    public static SweepResult Of(SweepAxis axis, IReadOnlyDictionary<string, JudgeStatistics> judges, IReadOnlyList<PairOutcome> rows, IReadOnlyList<string> judgeNames)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(judgeNames);
        var result = Of(axis, judges);
        int[] columns = [.. axis.Points.Select(p => judgeNames.ToList().IndexOf(p.Judge))];
        var changed = axis.Points.Count < 2 || rows.Any(r => columns.Skip(1).Any(c => !SameVerdict(r.Judges[c], r.Judges[columns[0]])));
        return result with { VerdictsChanged = changed };
    }

    private static bool SameVerdict(JudgeOutcome a, JudgeOutcome b) => a.IsError ? b.IsError : !b.IsError && a.Pred == b.Pred;

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
