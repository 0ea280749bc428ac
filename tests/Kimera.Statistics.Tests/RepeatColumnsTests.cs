using Kimera.Statistics.Noise;

using Kimera.TestSupport.Statistics;

namespace Kimera.Statistics.Tests;

/// <summary>Repeat columns <c>J@k</c> are repeats of judge J, not judges: they give J's noise and nothing else.</summary>
public sealed class RepeatColumnsTests
{
    private static readonly StatisticsOptions NoBootstrap = new() { BootstrapResamples = 0, Folds = 2 };

    [Fact]
    public void A_name_x_at_k_is_a_repeat_only_when_x_is_also_a_name_and_k_a_whole_number_from_1()
    {
        var groups = JudgeRepeatGroups.Of(["kimera", "llm", "llm@2", "llm@1", "x@1", "a@b", "llm@0", "llm@-1"]);

        Assert.Equal(["kimera", "llm", "x@1", "a@b", "llm@0", "llm@-1"], groups.Judges);
        Assert.Equal([0, 1, 4, 5, 6, 7], groups.JudgeIndices);
        // In repeat order, whatever the column order.
        var repeats = Assert.Single(groups.Repeats);
        Assert.Equal("llm", repeats.Key);
        Assert.Equal([3, 2], repeats.Value);
        Assert.Equal("llm@3", RepeatColumns.Name("llm", 3));
        Assert.False(JudgeRepeatGroups.Of(["kimera", "llm"]).HasRepeats);

        var nested = Assert.Throws<ArgumentException>(() => JudgeRepeatGroups.Of(["j", "j@1", "j@1@2"]));
        Assert.Contains("'j@1@2' is a repeat of 'j@1', which is itself a repeat", nested.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_judges_with_repeats_keep_the_two_judge_statistics_and_gain_the_noise_of_the_repeated_judge()
    {
        var plain = StatisticsCalculator.Compute(HandMadeJudges.Rows(20, HandMadeJudges.A, HandMadeJudges.C), ["kimera", "llm"], NoBootstrap);
        var repeated = StatisticsCalculator.Compute(
            HandMadeJudges.Rows(20, [HandMadeJudges.A, HandMadeJudges.C, .. HandMadeJudges.CRepeats]),
            ["kimera", "llm", "llm@1", "llm@2", "llm@3"],
            NoBootstrap);

        Assert.Equal(["kimera", "llm"], repeated.Judges.Keys);
        Assert.Null(repeated.ManyJudges);
        Assert.Equal(plain.ToJson(), (repeated with { Noise = null }).ToJson());
        Assert.DoesNotContain("\"noise\"", plain.ToJson(), StringComparison.Ordinal);

        var noise = Assert.Single(repeated.Noise!);
        Assert.Equal("llm", noise.Key);
        var n = noise.Value;
        // Pairs 0, 10 and 11 flip: 3 of 20. Wilson 95% interval of 3/20: [0.0524, 0.3604].
        Assert.Equal((3, 20L, 3L), (n.Repeats, n.Pairs, n.Flipped));
        Assert.Equal(0.15, n.FlipRate!.Value, 12);
        Assert.Equal(0.0524, n.FlipRateCi![0], 4);
        Assert.Equal(0.3604, n.FlipRateCi[1], 4);
        // Repeat accuracies 10/20, 8/20, 11/20: the noise floor is 0.55 − 0.40.
        Assert.Equal([0.5, 0.4, 0.55], n.RepeatAccuracies);
        Assert.Equal(0.15, n.NoiseFloor!.Value, 12);
        // Fleiss: 17 unanimous pairs (Pᵢ = 1) and 3 split 2–1 (Pᵢ = 1/3): P̄ = 0.9; 31 of 60 votes "contradiction":
        // Pₑ = (31² + 29²)/60² = 1802/3600; κ = (3240 − 1802)/(3600 − 1802) = 1438/1798.
        Assert.Equal(1438.0 / 1798, n.Agreement!.Kappa!.Value, 12);
        Assert.Contains("\"noise\": {\n    \"llm\": {\n      \"repeats\": 3,", repeated.ToJson().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Three_judges_with_repeats_rank_and_compare_the_three_judges_only()
    {
        var result = StatisticsCalculator.Compute(
            HandMadeJudges.Rows(20, [HandMadeJudges.A, HandMadeJudges.B, HandMadeJudges.C, .. HandMadeJudges.CRepeats]),
            ["a", "b", "c", "c@1", "c@2", "c@3"],
            NoBootstrap);

        Assert.Equal(["a", "b", "c"], result.Judges.Keys);
        Assert.Equal(["a:b", "a:c", "b:c"], result.Comparisons.Select(c => $"{c.A}:{c.B}"));
        Assert.Equal(["a", "b", "c"], result.ErrorAnalysis!.Judges.Keys);
        Assert.DoesNotContain(result.CrossValidation, cv => cv.Score.Contains('@', StringComparison.Ordinal));
        var many = result.ManyJudges!;
        Assert.Equal([("a", 0.9), ("b", 0.75), ("c", 0.5)], many.ByAccuracy.Select(r => (r.Judge, r.Value)));
        Assert.Equal([("a", 0.9), ("b", 0.75), ("c", 0.5)], many.ByAuroc.Select(r => (r.Judge, Math.Round(r.Value, 12))));
        // Exact McNemar: a vs b 3 discordant pairs one way → 2/8; a vs c 8 → 2/256; b vs c 5 → 2/32.
        // Holm: 3 · 2/256, then max(that, 2 · 2/32), then max(that, 2/8).
        Assert.Equal([0.25, 6.0 / 256, 0.125], many.Pairwise.Select(p => Math.Round(p.McNemarExactPHolm!.Value, 12)));
        Assert.Equal(["a", "b"], many.AsGoodAsBest);
        Assert.Equal(3, many.FleissKappa!.Raters);
        Assert.Equal(["c"], result.Noise!.Keys);
    }

    [Fact]
    public void A_pair_a_repeat_could_not_judge_is_left_out_of_the_noise_and_a_single_repeat_gives_none()
    {
        var rows = HandMadeJudges.Rows(20, [HandMadeJudges.A, HandMadeJudges.C, .. HandMadeJudges.CRepeats]);
        // Pair 0 (one of the three flips) gets no verdict from repeat 3.
        rows[0] = rows[0] with { Judges = [.. rows[0].Judges.Take(4), new JudgeOutcome(null, null, "timeout")] };

        var result = StatisticsCalculator.Compute(rows, ["kimera", "llm", "llm@1", "llm@2", "llm@3"], NoBootstrap);
        var single = StatisticsCalculator.Compute(
            HandMadeJudges.Rows(20, HandMadeJudges.A, HandMadeJudges.C, HandMadeJudges.C), ["kimera", "llm", "llm@1"], NoBootstrap);

        Assert.Equal((19L, 2L), (result.Noise!["llm"].Pairs, result.Noise["llm"].Flipped));
        // The repeat's error is not the judge's: llm itself judged all 20.
        Assert.Equal(0, result.Judges["llm"].Errors);
        Assert.Null(single.Noise);
        Assert.Equal(["kimera", "llm"], single.Judges.Keys);
    }

    [Fact]
    public void Order_columns_are_never_judges_and_give_the_order_flip_rate_with_its_wilson_interval()
    {
        var groups = JudgeRepeatGroups.Of(["kimera", "llm", "llm@1", "llm@2", "llm@ab", "llm@ba", "x@ab", "kimera@ab"]);

        // x@ab has no judge x: a judge; kimera@ab has no kimera@ba: left out, and no order flip rate.
        Assert.Equal(["kimera", "llm", "x@ab"], groups.Judges);
        var orders = Assert.Single(groups.Orders);
        Assert.Equal(("llm", 4, 5), (orders.Key, orders.Value.Forward, orders.Value.Reversed));
        Assert.Equal("llm@ba", RepeatColumns.OrderName("llm", reversed: true));

        // Five labelled pairs: the orders disagree on pairs 0 and 1 only, and pair 4 has no verdict in the reversed order (left
        // out). Each order is right on 3 of the 4 pairs left: (text1, text2) wrong on pair 1, (text2, text1) on pair 0.
        PairOutcome[] rows =
        [
            Row(true, (true, 0.55), (true, 0.9), (false, 0.2)),
            Row(true, (true, 0.55), (false, 0.2), (true, 0.9)),
            Row(false, (false, 0.2), (false, 0.2), (false, 0.2)),
            Row(true, (true, 0.9), (true, 0.9), (true, 0.9)),
            Row(false, (true, 0.9), (true, 0.9), (null, null)),
        ];
        var statistics = StatisticsCalculator.Compute(rows, ["llm", "llm@ab", "llm@ba"], NoBootstrap);

        Assert.Equal(["llm"], statistics.Judges.Keys);
        Assert.Null(statistics.Noise);
        var noise = statistics.OrderNoise!["llm"];
        // 2 flipped of the 4 pairs with a verdict in both orders: Wilson 95% [0.150039, 0.849961].
        Assert.Equal((2, 4L, 2L, 0.5), (noise.Repeats, noise.Pairs, noise.Flipped, noise.FlipRate!.Value));
        Assert.Equal(0.150039, noise.FlipRateCi![0], 6);
        Assert.Equal(0.849961, noise.FlipRateCi[1], 6);
        Assert.Equal([0.75, 0.75], noise.RepeatAccuracies);
    }

    private static PairOutcome Row(bool label, (bool? Pred, double? Score) judge, (bool? Pred, double? Score) forward, (bool? Pred, double? Score) reversed) =>
        new(label, "en", "contradiction", "a", "b",
            [new JudgeOutcome(judge.Pred, judge.Score), new JudgeOutcome(forward.Pred, forward.Score), new JudgeOutcome(reversed.Pred, reversed.Score)]);
}
