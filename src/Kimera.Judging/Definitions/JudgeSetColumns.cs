using Kimera.Statistics.Noise;

namespace Kimera.Judging.Definitions;

/// <summary>The column prefixes of a judge set in <c>pairs.csv</c>: each judge's own name, then its repeats
/// (<see cref="RepeatColumns"/>) when it is asked more than once, then its two orders (<c>name@ab</c>, <c>name@ba</c>) when it
/// is asked in both orders.</summary>
public static class JudgeSetColumns
{
    /// <summary>The column prefixes of a judge set in order: each judge, followed by its repeats when it has more than one.</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<JudgeDefinition> judges)
    {
        ArgumentNullException.ThrowIfNull(judges);
        var columns = new List<string>();
        foreach (var judge in judges)
        {
            columns.Add(judge.Name);
            if (judge.RepeatCount > 1)
            {
                columns.AddRange(Enumerable.Range(1, judge.RepeatCount).Select(k => RepeatColumns.Name(judge.Name, k)));
            }

            if (judge.AsksBothOrders)
            {
                columns.Add(RepeatColumns.OrderName(judge.Name, reversed: false));
                columns.Add(RepeatColumns.OrderName(judge.Name, reversed: true));
            }
        }

        return columns;
    }
}
