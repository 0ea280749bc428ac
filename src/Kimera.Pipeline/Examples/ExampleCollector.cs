using Kimera.Judging;
using Kimera.Pipeline.Artifacts;
using Kimera.Reporting.Examples;
using Kimera.Statistics.Noise;

namespace Kimera.Pipeline.Examples;

/// <summary>
/// Picks the report's example pairs while the results stream by, keeping only the best <c>k</c> candidates of each list
/// (memory does not grow with the run). The rules, deterministic for the same results whatever the chunking:
/// <list type="bullet">
/// <item><b>Missed contradictions</b> of a judge (labelled contradiction, verdict "no contradiction"): the most confident
/// mistakes, lowest score first; equal scores by higher resonance first (the pair looked most alike), then pair id
/// (ordinal), then row. For Kimera these are the contradictions it called compatible because resonance was high.</item>
/// <item><b>False alarms</b> (labelled non-contradiction, verdict "contradiction"): highest score first; equal scores by
/// lower resonance first, then pair id, then row.</item>
/// <item><b>Disagreements</b> between two judges that both judged a pair: split by which judge said "contradiction";
/// widest gap between the two scores first, then pair id, then row.</item>
/// </list>
/// A missing score or resonance ranks after every present one; pairs a judge could not judge are never examples of it.
/// Repeat columns (<c>J@k</c>, <see cref="JudgeRepeatGroups"/>) are not judges: they have no examples and no verdict in one.
/// </summary>
public sealed class ExampleCollector
{
    /// <summary>Pairs kept per list unless told otherwise.</summary>
    public const int DefaultPerKind = 3;

    private readonly IReadOnlyList<string> _judges;
    private readonly int _perKind;
    private readonly IReadOnlyList<int> _real;
    private readonly RankedPairs[] _missed;
    private readonly RankedPairs[] _falseAlarms;
    private readonly int _a;
    private readonly int _b;
    private readonly RankedPairs _onlyA;
    private readonly RankedPairs _onlyB;
    private long _rows;

    /// <param name="judges">Judge names in the order of <see cref="ResultRow.Judges"/>.</param>
    /// <param name="perKind">The most pairs kept per list.</param>
    public ExampleCollector(IReadOnlyList<string> judges, int perKind = DefaultPerKind)
    {
        ArgumentNullException.ThrowIfNull(judges);
        ArgumentOutOfRangeException.ThrowIfNegative(perKind);
        _judges = judges;
        _perKind = perKind;
        _missed = [.. judges.Select(_ => new RankedPairs(perKind))];
        _falseAlarms = [.. judges.Select(_ => new RankedPairs(perKind))];
        _onlyA = new RankedPairs(perKind);
        _onlyB = new RankedPairs(perKind);
        _real = JudgeRepeatGroups.Of(judges).JudgeIndices;
        var names = judges.ToList();
        _a = _real.FirstOrDefault(i => names[i].Equals(JudgeNames.Kimera, StringComparison.OrdinalIgnoreCase), -1);
        _a = _a < 0 ? (_real.Count > 0 ? _real[0] : 0) : _a;
        _b = _real.FirstOrDefault(i => names[i].Equals(JudgeNames.Llm, StringComparison.OrdinalIgnoreCase), -1);
        _b = _b < 0 || _b == _a ? _real.FirstOrDefault(i => i != _a, -1) : _b;
    }

    /// <summary>Considers the next row of the results table (rows must come in table order).</summary>
    public void Add(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Judges.Count != _judges.Count)
        {
            throw new ArgumentException($"The row has {row.Judges.Count} judges; expected {_judges.Count}.", nameof(row));
        }

        var position = ++_rows;
        ExamplePair? built = null;
        ExamplePair Build() => built ??= ToExample(row, position);

        foreach (var j in _real)
        {
            var judge = row.Judges[j];
            if (!judge.IsJudged || row.Label is not { } label || judge.Prediction == label)
            {
                continue;
            }

            if (label)
            {
                _missed[j].Offer(judge.Score, -row.Resonance, row.PairId, position, Build);
            }
            else
            {
                _falseAlarms[j].Offer(-judge.Score, row.Resonance, row.PairId, position, Build);
            }
        }

        if (_b >= 0 && row.Judges[_a] is { IsJudged: true } a && row.Judges[_b] is { IsJudged: true } b && a.Prediction != b.Prediction)
        {
            double? gap = a.Score is { } sa && b.Score is { } sb ? -Math.Abs(sa - sb) : null;
            (a.Prediction == true ? _onlyA : _onlyB).Offer(gap, null, row.PairId, position, Build);
        }
    }

    /// <summary>The examples of every row added so far.</summary>
    public ReportExamples Result() => new(
        _perKind,
        [.. _real.Select(j => new JudgeMistakes(_judges[j], _missed[j].Pairs, _falseAlarms[j].Pairs, _missed[j].Count, _falseAlarms[j].Count))],
        _b < 0 ? null : new JudgeDisagreements(_judges[_a], _judges[_b], _onlyA.Pairs, _onlyB.Pairs, _onlyA.Count, _onlyB.Count));

    private ExamplePair ToExample(ResultRow row, long position)
    {
        var verdicts = new List<ExampleVerdict>();
        foreach (var j in _real)
        {
            if (row.Judges[j] is { IsJudged: true } judge)
            {
                verdicts.Add(new ExampleVerdict(_judges[j], judge.Prediction!.Value, judge.Score, judge.Confidence, string.IsNullOrEmpty(judge.Reasoning) ? null : judge.Reasoning));
            }
        }

        return new ExamplePair(
            string.IsNullOrEmpty(row.PairId) ? null : row.PairId,
            position,
            row.Text1,
            row.Text2,
            row.Label,
            string.IsNullOrEmpty(row.Lang) ? null : row.Lang,
            string.IsNullOrEmpty(row.Type) ? null : row.Type,
            row.Resonance,
            verdicts);
    }
}
