namespace Kimera.Statistics.Tests;

/// <summary>Judges with identical verdicts on every pair share one rank in <c>many_judges</c>, marked tied.</summary>
public sealed class TiedRankingTests
{
    private static readonly StatisticsOptions NoBootstrap = new() { BootstrapResamples = 0, Folds = 2 };

    [Fact]
    public void Two_judges_with_identical_verdicts_share_one_rank_and_a_third_with_the_same_accuracy_but_other_verdicts_does_not()
    {
        // labels T T T F F F
        // a      T T F F F T   right on 4 of 6
        // b      = a           (same verdicts, other scores)
        // c      T T T F F F   right on 6 of 6
        // d      F T T F T F   right on 4 of 6, but not the same pairs as a
        // By accuracy: c 1.0 rank 1; a, b, d 0.667: a and b tied at rank 2; d rank 4 (1, 2, 2, 4).
        var rows = Rows(
            [true, true, true, false, false, false],
            ("a", [true, true, false, false, false, true], 0.9),
            ("b", [true, true, false, false, false, true], 0.8),
            ("c", [true, true, true, false, false, false], 0.9),
            ("d", [false, true, true, false, true, false], 0.9));

        var many = StatisticsCalculator.Compute(rows, ["a", "b", "c", "d"], NoBootstrap).ManyJudges!;

        Assert.Equal(
            [("c", 1, ""), ("a", 2, "b"), ("b", 2, "a"), ("d", 4, "")],
            many.ByAccuracy.Select(r => (r.Judge, r.Rank, string.Join(",", r.TiedWith))));
        Assert.Equal([false, true, true, false], many.ByAccuracy.Select(r => r.Tied));

        // By AUROC, ties are identical scores: a's are 0.9/0.1 and b's 0.8/0.2, so they are not tied although their AUROCs
        // are equal. a, b and d each score 6 of 9 (contradiction, non-contradiction) pairings, ties counting half: 0.667.
        Assert.Equal([("c", 1), ("a", 2), ("b", 3), ("d", 4)], many.ByAuroc.Select(r => (r.Judge, r.Rank)));
        Assert.All(many.ByAuroc, r => Assert.False(r.Tied));
        Assert.Equal(6.0 / 9, many.ByAuroc[1].Value, 12);

        var json = StatisticsCalculator.Compute(rows, ["a", "b", "c", "d"], NoBootstrap).ToJson(indented: false);
        Assert.Contains("{\"judge\":\"a\",\"value\":0.6666666666666666,\"ci\":null,\"rank\":2,\"tied_with\":[\"b\"]}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Tied_best_judges_are_all_as_good_as_the_best()
    {
        // x and y right on all four pairs with the same verdicts; z right on two. Columns z, y, x: the ranking reorders them.
        var rows = Rows(
            [true, true, false, false],
            ("z", [true, false, true, false], 0.9),
            ("y", [true, true, false, false], 0.7),
            ("x", [true, true, false, false], 0.9));

        var many = StatisticsCalculator.Compute(rows, ["z", "y", "x"], NoBootstrap).ManyJudges!;

        Assert.Equal([("x", 1), ("y", 1), ("z", 3)], many.ByAccuracy.Select(r => (r.Judge, r.Rank)));
        Assert.Contains("x", many.AsGoodAsBest);
        Assert.Contains("y", many.AsGoodAsBest);
    }

    [Fact]
    public void Ranks_ties_and_baselines_read_back_from_json_as_written()
    {
        var rows = Rows(
            [true, true, false, false],
            ("z", [true, false, true, false], 0.9),
            ("y", [true, true, false, false], 0.7),
            ("x", [true, true, false, false], 0.9));
        var written = StatisticsCalculator.Compute(rows, ["z", "y", "x"], NoBootstrap);

        var read = System.Text.Json.JsonSerializer.Deserialize<StatisticsResult>(written.ToJson())!;

        Assert.Equal(
            written.ManyJudges!.ByAccuracy.Select(r => (r.Judge, r.Rank, string.Join(",", r.TiedWith))),
            read.ManyJudges!.ByAccuracy.Select(r => (r.Judge, r.Rank, string.Join(",", r.TiedWith))));
        Assert.Equal(written.Judges["z"].Baselines!.MajorityClass, read.Judges["z"].Baselines!.MajorityClass);
        Assert.Equal(written.Judges["z"].Baselines!.Accuracy, read.Judges["z"].Baselines!.Accuracy);
        Assert.Equal(written.ToJson(), read.ToJson());
    }

    internal static PairOutcome[] Rows(bool[] labels, params (string Name, bool[] Verdicts, double High)[] judges) =>
        [.. labels.Select((label, i) => new PairOutcome(
            label, "en", null, null, null,
            [.. judges.Select(j => new JudgeOutcome(j.Verdicts[i], j.Verdicts[i] ? j.High : 1 - j.High))]))];
}
