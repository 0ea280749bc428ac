
namespace Kimera.Statistics.Noise;

/// <summary>
/// Splits the judge names of a results table into the judges and their repeats. An LLM judge J asked each pair K &gt; 1
/// times writes its majority verdict under its own name and each repeat under <c>J@1</c> … <c>J@K</c> (<see cref="RepeatColumns"/>; columns
/// <c>J@1_pred</c>, <c>J@1_score</c>, …). A name <c>X@k</c> (k a whole number ≥ 1) is repeat k of X when X is also a
/// name in the list; any other name, even with an <c>@</c>, is a judge. Repeats feed the noise of their judge only,
/// never the comparisons, so two judges with repeats keep the two-judge statistics.
/// </summary>
public sealed class JudgeRepeatGroups
{
    private JudgeRepeatGroups(
        IReadOnlyList<string> judges, IReadOnlyList<int> judgeIndices, IReadOnlyList<KeyValuePair<string, IReadOnlyList<int>>> repeats,
        IReadOnlyList<KeyValuePair<string, (int Forward, int Reversed)>> orders)
    {
        Judges = judges;
        JudgeIndices = judgeIndices;
        Repeats = repeats;
        Orders = orders;
    }

    /// <summary>Each judge asked in both orders (in judge order) and where its <c>@ab</c> and <c>@ba</c> columns are in the names
    /// given. An order column is never a judge; a judge with only one of the two has no order flip rate, and the lone column
    /// is left out too.</summary>
    public IReadOnlyList<KeyValuePair<string, (int Forward, int Reversed)>> Orders { get; }

    /// <summary>True when some name is a repeat or an order.</summary>
    public bool HasExtraColumns => Repeats.Count > 0 || Orders.Count > 0;

    /// <summary>The judges, in the order of the names given.</summary>
    public IReadOnlyList<string> Judges { get; }

    /// <summary>Where each of <see cref="Judges"/> is in the names given.</summary>
    public IReadOnlyList<int> JudgeIndices { get; }

    /// <summary>Each judge with repeats (in judge order) and where its repeats are in the names given, by repeat number.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<int>>> Repeats { get; }

    /// <summary>True when some name is a repeat.</summary>
    public bool HasRepeats => Repeats.Count > 0;

    /// <summary>The judges and repeats of <paramref name="names"/> (names compare ordinally, as judge names do everywhere).</summary>
    /// <exception cref="ArgumentException">A repeat of a name that is itself a repeat (<c>J@1@2</c> beside <c>J@1</c> and <c>J</c>).</exception>
    public static JudgeRepeatGroups Of(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var present = new HashSet<string>(names, StringComparer.Ordinal);
        var parsed = names.Select(n => Split(n) is { } s && present.Contains(s.Judge) ? s : ((string Judge, int Repeat)?)null).ToArray();
        var repeatNames = Enumerable.Range(0, names.Count).Where(i => parsed[i] is not null).Select(i => names[i]).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (parsed[i] is { } s && repeatNames.Contains(s.Judge))
            {
                throw new ArgumentException($"Judge name '{names[i]}' is a repeat of '{s.Judge}', which is itself a repeat; a repeat belongs to a judge.", nameof(names));
            }
        }

        var order = names.Select(n => RepeatColumns.TryParseOrder(n, out var judge, out var reversed) && present.Contains(judge) && !repeatNames.Contains(judge)
            ? (judge, reversed) : ((string Judge, bool Reversed)?)null).ToArray();
        var judgeIndices = Enumerable.Range(0, names.Count).Where(i => parsed[i] is null && order[i] is null).ToArray();
        var orders = judgeIndices
            .Select(j => (Judge: names[j],
                Forward: Array.FindIndex(order, o => o is { } x && x.Judge == names[j] && !x.Reversed),
                Reversed: Array.FindIndex(order, o => o is { } x && x.Judge == names[j] && x.Reversed)))
            .Where(o => o.Forward >= 0 && o.Reversed >= 0)
            .Select(o => new KeyValuePair<string, (int Forward, int Reversed)>(o.Judge, (o.Forward, o.Reversed)))
            .ToArray();
        var repeats = judgeIndices
            .Select(j => new KeyValuePair<string, IReadOnlyList<int>>(
                names[j],
                [.. Enumerable.Range(0, names.Count).Where(i => parsed[i]?.Judge == names[j]).OrderBy(i => parsed[i]!.Value.Repeat)]))
            .Where(kv => kv.Value.Count > 0)
            .ToArray();
        return new JudgeRepeatGroups([.. judgeIndices.Select(i => names[i])], judgeIndices, repeats, orders);
    }

    /// <summary>The judge and repeat number of a name shaped <c>X@k</c> (<see cref="RepeatColumns"/>), whether or not X exists.</summary>
    private static (string Judge, int Repeat)? Split(string name) =>
        RepeatColumns.TryParse(name, out var judge, out var repeat) ? (judge, repeat) : null;
}
