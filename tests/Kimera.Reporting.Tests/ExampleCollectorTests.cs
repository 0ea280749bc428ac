using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Examples;
using Kimera.Reporting.Examples;

namespace Kimera.Reporting.Tests;

public sealed class ExampleCollectorTests
{
    private static readonly string[] Judges = ["kimera", "llm"];

    /// <summary>A hand-built results table: (pair id, label, resonance, kimera verdict/score, llm verdict/score).</summary>
    private static readonly ResultRow[] Table =
    [
        Row("p01", true, 0.85, (false, 0.1), (true, 0.9)),   // kimera misses it; llm right (gap 0.8)
        Row("p02", true, 0.92, (false, 0.1), (false, 0.2)),  // both miss it
        Row("p03", true, 0.25, (false, 0.2), (true, 0.8)),   // kimera misses it (higher score); llm right (gap 0.6)
        Row("p04", true, 0.92, (false, 0.1), (false, 0.3)),  // same score and resonance as p02: pair id decides
        Row("p05", true, 0.40, (true, 0.7), (true, 0.9)),    // both right
        Row("p06", false, 0.50, (true, 0.6), (false, 0.2)),  // kimera false alarm; llm right (gap 0.4)
        Row("p07", false, 0.20, (true, 0.85), (false, 0.1)), // kimera's most confident false alarm (gap 0.75)
        Row("p08", false, 0.30, (false, 0.2), (true, 0.7)),  // llm false alarm (gap 0.5)
        Row("p09", null, 0.90, (false, 0.1), (true, 0.95)),  // unlabelled: a disagreement, never a mistake (gap 0.85)
        Row("p10", true, 0.95, (null, null), (true, 0.9)),   // kimera could not judge it: not one of its mistakes
    ];

    [Fact]
    public void Missed_contradictions_are_the_lowest_scores_then_the_highest_resonance_then_the_pair_id()
    {
        var examples = Collect(Table);

        var kimera = examples.Mistakes.Single(m => m.Judge == "kimera");
        // Scores 0.1 (p01 r 0.85, p02 r 0.92, p04 r 0.92) and 0.2 (p03): p02 and p04 tie on both keys, p02 < p04 by id.
        Assert.Equal(["p02", "p04", "p01"], kimera.MissedContradictions.Select(p => p.PairId));
        Assert.Equal(4, kimera.MissedCount);
        Assert.Equal(["p07", "p06"], kimera.FalseAlarms.Select(p => p.PairId));
        Assert.Equal(2, kimera.FalseAlarmCount);

        var llm = examples.Mistakes.Single(m => m.Judge == "llm");
        Assert.Equal(["p02", "p04"], llm.MissedContradictions.Select(p => p.PairId));
        Assert.Equal(["p08"], llm.FalseAlarms.Select(p => p.PairId));
    }

    [Fact]
    public void Disagreements_are_split_by_who_said_contradiction_widest_score_gap_first()
    {
        var d = Collect(Table).Disagreements!;

        Assert.Equal(("kimera", "llm"), (d.A, d.B));
        Assert.Equal(["p07", "p06"], d.OnlyA.Select(p => p.PairId));     // gaps 0.75, 0.4
        Assert.Equal(["p09", "p01", "p03"], d.OnlyB.Select(p => p.PairId)); // gaps 0.85, 0.8, 0.6 (p08's 0.5 is fourth)
        Assert.Equal(2, d.OnlyACount);
        Assert.Equal(4, d.OnlyBCount);
    }

    [Fact]
    public void An_example_carries_both_verdicts_scores_and_reasons_and_its_texts()
    {
        var p01 = Collect(Table).Disagreements!.OnlyB.Single(p => p.PairId == "p01");

        Assert.Equal("p01: first <b>text</b>", p01.Text1);
        Assert.Equal(1, p01.Row);
        Assert.Equal(0.85, p01.Resonance);
        Assert.Equal(
            [new ExampleVerdict("kimera", false, 0.1, 0.9, "kimera says p01"), new ExampleVerdict("llm", true, 0.9, 0.9, "llm says p01")],
            p01.Verdicts);
    }

    [Fact]
    public void The_choice_does_not_depend_on_the_order_of_rows_with_ids()
    {
        var forward = Collect(Table);
        var backward = Collect([.. Table.Reverse()]);

        Assert.Equal(Ids(forward), Ids(backward));
    }

    [Fact]
    public void Streaming_top_k_equals_sorting_the_whole_table_by_the_documented_rule()
    {
        // 3,000 rows with few distinct scores and resonances, so every tie-break is exercised; the reference sorts everything.
        var random = new Random(7);
        var rows = Enumerable.Range(0, 3000).Select(i => Row(
            $"id{random.Next(100_000):D6}",
            random.Next(3) switch { 0 => true, 1 => false, _ => null },
            random.Next(4) == 0 ? null : random.Next(5) / 4.0,
            (random.Next(2) == 0, random.Next(4) / 4.0),
            (random.Next(2) == 0, random.Next(3) / 2.0))).ToArray();

        var examples = Collect(rows, perKind: 5);

        var indexed = rows.Select((r, i) => (Row: r, Position: i + 1L)).ToList();
        var missed = indexed.Where(x => x.Row.Label == true && x.Row.Judges[0].Prediction == false)
            .OrderBy(x => x.Row.Judges[0].Score).ThenBy(x => x.Row.Resonance is { } r ? -r : double.PositiveInfinity)
            .ThenBy(x => x.Row.PairId, StringComparer.Ordinal).ThenBy(x => x.Position).Take(5).Select(x => x.Position);
        var falseAlarms = indexed.Where(x => x.Row.Label == false && x.Row.Judges[0].Prediction == true)
            .OrderByDescending(x => x.Row.Judges[0].Score).ThenBy(x => x.Row.Resonance ?? double.PositiveInfinity)
            .ThenBy(x => x.Row.PairId, StringComparer.Ordinal).ThenBy(x => x.Position).Take(5).Select(x => x.Position);
        var onlyB = indexed.Where(x => x.Row.Judges[0].Prediction == false && x.Row.Judges[1].Prediction == true)
            .OrderByDescending(x => Math.Abs(x.Row.Judges[0].Score!.Value - x.Row.Judges[1].Score!.Value))
            .ThenBy(x => x.Row.PairId, StringComparer.Ordinal).ThenBy(x => x.Position).Take(5).Select(x => x.Position);

        Assert.Equal(missed, examples.Mistakes[0].MissedContradictions.Select(p => p.Row));
        Assert.Equal(falseAlarms, examples.Mistakes[0].FalseAlarms.Select(p => p.Row));
        Assert.Equal(onlyB, examples.Disagreements!.OnlyB.Select(p => p.Row));
    }

    [Fact]
    public void A_single_judge_has_mistakes_but_no_disagreements()
    {
        var collector = new ExampleCollector(["kimera"]);
        collector.Add(new ResultRow(2, "x", "a", "b", "en", null, true, 0.9, [new JudgeColumns(false, 0.1, null)], []));

        var examples = collector.Result();

        Assert.Null(examples.Disagreements);
        Assert.Equal("x", examples.Mistakes.Single().MissedContradictions.Single().PairId);
    }

    private static ReportExamples Collect(IEnumerable<ResultRow> rows, int perKind = 3)
    {
        var collector = new ExampleCollector(Judges, perKind);
        foreach (var row in rows)
        {
            collector.Add(row);
        }

        return collector.Result();
    }

    private static string[] Ids(ReportExamples e) =>
    [
        .. e.Mistakes.SelectMany(m => m.MissedContradictions.Concat(m.FalseAlarms)).Select(p => p.PairId!),
        .. e.Disagreements!.OnlyA.Concat(e.Disagreements.OnlyB).Select(p => p.PairId!),
    ];

    private static ResultRow Row(string id, bool? label, double? resonance, (bool? Pred, double? Score) kimera, (bool? Pred, double? Score) llm) =>
        new(
            0, id, $"{id}: first <b>text</b>", $"{id}: second & text", "en", null, label, resonance,
            [Judge("kimera", id, kimera), Judge("llm", id, llm)],
            []);

    private static JudgeColumns Judge(string name, string id, (bool? Pred, double? Score) v) =>
        v.Pred is null
            ? new JudgeColumns(null, null, "could not judge")
            : new JudgeColumns(v.Pred, v.Score, null) { Confidence = v.Pred == true ? v.Score : 1 - v.Score, Reasoning = $"{name} says {id}" };
}
