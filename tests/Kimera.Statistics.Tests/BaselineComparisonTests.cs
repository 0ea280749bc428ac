using Kimera.Statistics.Baselines;

namespace Kimera.Statistics.Tests;

/// <summary>The baselines of a judge on small tables worked out by hand (T = contradiction, F = none).</summary>
public sealed class BaselineComparisonTests
{
    private const double Alpha = 0.05;

    [Fact]
    public void Ten_pairs_with_six_contradictions_give_the_majority_class_contradiction_and_a_mcnemar_test_on_the_minority_label()
    {
        // labels      T T T T T T F F F F
        // judge       T T T T T F F F F T
        // Majority class: 6 contradictions of 10 ≥ half, so "contradiction": accuracy 6/10 = 0.6;
        // F1 = 2·6 / (2·6 + 4 + 0) = 12/16 = 0.75 (tp 6, fp 4, fn 0); "always contradiction" is the same baseline.
        // The judge is right on 5 + 3 = 8 pairs (0.8). Discordant pairs against the constant answer "contradiction":
        // b = judge right, baseline wrong = the 3 F pairs it called F; c = judge wrong, baseline right = the 1 T pair it called F.
        // Exact p = min(1, 2·P(X ≤ 1)), X ~ Binomial(4, ½): P(X ≤ 1) = (C(4,0) + C(4,1)) / 2⁴ = 5/16, so p = 10/16 = 0.625.
        bool[] labels = [true, true, true, true, true, true, false, false, false, false];
        bool[] judge = [true, true, true, true, true, false, false, false, false, true];

        var baselines = BaselineComparison.Compute(labels, judge, 0.8, [0.55, 0.95], Alpha)!;

        Assert.Equal(10, baselines.Pairs);
        Assert.Equal(6, baselines.Contradictions);
        Assert.Equal(new BaselineScores("contradiction", 0.6, 0.75), baselines.MajorityClass);
        Assert.Equal(new BaselineScores("contradiction", 0.6, 0.75), baselines.AlwaysContradiction);
        Assert.Equal(0.5, baselines.ChanceAuroc);
        Assert.Equal((3L, 1L), (baselines.McNemar.B, baselines.McNemar.C));
        Assert.Equal(0.625, baselines.McNemar.ExactPValue, 12);
        Assert.Equal(BaselineOutcome.NoBetter, baselines.Accuracy);
        Assert.Equal(BaselineOutcome.Better, baselines.Auroc);
    }

    [Fact]
    public void Seven_pairs_of_ten_without_contradiction_make_the_majority_class_no_contradiction_and_a_judge_that_never_says_contradiction_equal_to_it()
    {
        // labels T T T F F F F F F F; the judge answers F everywhere (the SNLI case: its accuracy is the majority share).
        // Majority class "no contradiction": accuracy 7/10, F1 0 (no tp). Always contradiction: accuracy 3/10,
        // F1 = 2·3 / (2·3 + 7) = 6/13. The judge and the majority class are right on the same pairs: b = c = 0, exact p = 1.
        bool[] labels = [true, true, true, false, false, false, false, false, false, false];
        bool[] judge = new bool[10];

        var baselines = BaselineComparison.Compute(labels, judge, null, null, Alpha)!;

        Assert.Equal(new BaselineScores("no contradiction", 0.7, 0), baselines.MajorityClass);
        Assert.Equal("contradiction", baselines.AlwaysContradiction.Answer);
        Assert.Equal(0.3, baselines.AlwaysContradiction.Accuracy, 12);
        Assert.Equal(6.0 / 13, baselines.AlwaysContradiction.F1, 12);
        Assert.Equal((0L, 0L, 1.0), (baselines.McNemar.B, baselines.McNemar.C, baselines.McNemar.ExactPValue));
        Assert.Equal(BaselineOutcome.NoBetter, baselines.Accuracy);
        Assert.Null(baselines.Auroc);
    }

    [Fact]
    public void A_judge_right_on_all_twenty_pairs_is_better_than_the_majority_class_and_its_mirror_image_is_worse()
    {
        // 10 T and 10 F: an exact tie, so the majority class is "contradiction" (accuracy 0.5).
        // Always right: b = the 10 F pairs, c = 0; exact p = 2 · (½)¹⁰ = 2/1024 = 0.001953125 < 0.05: better.
        // Always wrong: b = 0, c = the 10 T pairs; the same p: worse.
        bool[] labels = [.. Enumerable.Range(0, 20).Select(i => i < 10)];
        bool[] wrong = [.. labels.Select(l => !l)];

        var right = BaselineComparison.Compute(labels, labels, 1, [1, 1], Alpha)!;
        var mirror = BaselineComparison.Compute(labels, wrong, 0, [0, 0], Alpha)!;

        Assert.Equal("contradiction", right.MajorityClass.Answer);
        Assert.Equal(0.5, right.MajorityClass.Accuracy);
        Assert.Equal((10L, 0L), (right.McNemar.B, right.McNemar.C));
        Assert.Equal(2.0 / 1024, right.McNemar.ExactPValue, 12);
        Assert.Equal(BaselineOutcome.Better, right.Accuracy);
        Assert.Equal((0L, 10L), (mirror.McNemar.B, mirror.McNemar.C));
        Assert.Equal(BaselineOutcome.Worse, mirror.Accuracy);
        Assert.Equal(BaselineOutcome.Worse, mirror.Auroc);
    }

    [Theory]
    [InlineData(0.40, 0.60, BaselineOutcome.NoBetter)] // the interval includes 0.5
    [InlineData(0.50, 0.70, BaselineOutcome.NoBetter)] // touching 0.5 does not exclude it
    [InlineData(0.51, 0.70, BaselineOutcome.Better)]
    [InlineData(0.20, 0.49, BaselineOutcome.Worse)]
    public void The_auroc_is_compared_with_chance_by_whether_its_interval_excludes_one_half(double lo, double hi, BaselineOutcome expected)
    {
        var baselines = BaselineComparison.Compute([true, false], [true, false], 0.6, [lo, hi], Alpha)!;

        Assert.Equal(expected, baselines.Auroc);
    }

    [Fact]
    public void No_labelled_verdict_gives_no_baselines()
    {
        Assert.Null(BaselineComparison.Compute([], [], null, null, Alpha));
    }

    [Fact]
    public void The_statistics_object_carries_each_judges_baselines_on_the_pairs_it_judged_in_report_json()
    {
        // The ten pairs of the first test plus one pair the judge could not judge (left out: still 10 pairs, 6 contradictions).
        bool[] labels = [true, true, true, true, true, true, false, false, false, false];
        bool[] judge = [true, true, true, true, true, false, false, false, false, true];
        var rows = labels
            .Select((l, i) => new PairOutcome(l, "en", null, null, null, [new JudgeOutcome(judge[i], judge[i] ? 0.9 : 0.1)]))
            .Append(new PairOutcome(false, "en", null, null, null, [new JudgeOutcome(null, null, "timeout")]))
            .ToArray();

        var statistics = StatisticsCalculator.Compute(rows, ["kimera"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 });

        var baselines = statistics.Judges["kimera"].Baselines!;
        Assert.Equal((10L, 6L, 0.6), (baselines.Pairs, baselines.Contradictions, baselines.MajorityClass.Accuracy));
        Assert.Equal(0.625, baselines.McNemar.ExactPValue, 12);
        // Without bootstrap resamples there is no interval, so the AUROC is not compared with chance.
        Assert.Null(baselines.Auroc);
        var json = statistics.ToJson(indented: false);
        Assert.Contains("\"baselines\":{\"pairs\":10,\"contradictions\":6,\"majority_class\":{\"answer\":\"contradiction\",\"accuracy\":0.6,\"f1\":0.75},\"always_contradiction\":{\"answer\":\"contradiction\",\"accuracy\":0.6,\"f1\":0.75},\"chance_auroc\":0.5,\"mcnemar\":{\"b\":3,\"c\":1,", json, StringComparison.Ordinal);
        Assert.Contains("\"accuracy_verdict\":\"no_better\",\"auroc_verdict\":null}", json, StringComparison.Ordinal);
    }
}
