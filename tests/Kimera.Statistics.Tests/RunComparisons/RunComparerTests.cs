using Kimera.Statistics.RunComparisons;
using MathNet.Numerics;

namespace Kimera.Statistics.Tests.RunComparisons;

public sealed class RunComparerTests
{
    // Six pairs of DeLongTestTests, now one judge in two runs: run A scored ScoresA, run B ScoresB, verdict = score ≥ 0.5.
    private static readonly bool[] Labels = [true, true, true, false, false, false];
    private static readonly double[] ScoresA = [0.9, 0.8, 0.4, 0.5, 0.3, 0.2];
    private static readonly double[] ScoresB = [0.7, 0.4, 0.6, 0.4, 0.8, 0.1];

    [Fact]
    public void Accuracy_f1_auroc_and_exact_mcnemar_of_a_judge_wrong_on_six_more_pairs_in_b()
    {
        // 20 pairs, contradictions at even i. kimera: right on all in A, wrong on 0..5 in B (0, 2, 4 missed; 1, 3, 5 false alarms).
        // Accuracy A = 1, B = 14/20 = 0.7. F1 B = 2·7/(2·7 + 3 + 3) = 0.7. AUROC B (scores 0.8/0.2): positives 7 at 0.8,
        // 3 at 0.2; negatives 3 at 0.8, 7 at 0.2 → (7·7 + ½·(7·3 + 3·7))/100 = 0.7.
        // McNemar: b = 6 (A right, B wrong), c = 0; X ~ Bin(6, ½): exact = 2·P(X = 0) = 2/64; mid-p = 2·½·1/64 = 1/64.
        var pairs = TwoRuns.Pairs(20, [[]], [[0, 1, 2, 3, 4, 5]]);
        var judge = RunComparer.Compare(pairs, TwoRuns.SameJudges("kimera"), TwoRuns.Options(0)).Judges.Single();

        Assert.Equal(20, judge.Pairs);
        Assert.Equal((1.0, 0.7, -0.3), (judge.Accuracy.A!.Value, Math.Round(judge.Accuracy.B!.Value, 12), Math.Round(judge.Accuracy.Difference!.Value, 12)));
        Assert.Equal((1.0, 0.7), (judge.F1.A!.Value, Math.Round(judge.F1.B!.Value, 12)));
        Assert.Equal((1.0, 0.7), (judge.Auroc.A!.Value, Math.Round(judge.Auroc.B!.Value, 12)));
        Assert.Equal((6L, 0L), (judge.McNemar.B, judge.McNemar.C));
        Assert.Equal(2.0 / 64, judge.Accuracy.PValue!.Value, 12);
        Assert.Equal(1.0 / 64, judge.McNemar.MidPValue, 12);
        // Without resamples: no interval and no bootstrap test of F1.
        Assert.Null(judge.Accuracy.DifferenceCi);
        Assert.Null(judge.F1.PValue);
    }

    [Fact]
    public void Holm_adjusts_each_metrics_p_values_across_the_judges_compared()
    {
        // kimera: b = 6, c = 0 → exact p = 2/64 = 0.03125. llm: A wrong on 10, B wrong on 10, 12, 13 → b = 2, c = 0 →
        // exact p = 2·(½)² = 0.5. Holm with m = 2: sorted 0.03125·2 = 0.0625, then max(0.0625, 0.5·1) = 0.5.
        var pairs = TwoRuns.Pairs(20, [[], [10]], [[0, 1, 2, 3, 4, 5], [10, 12, 13]]);
        var judges = RunComparer.Compare(pairs, TwoRuns.SameJudges("kimera", "llm"), TwoRuns.Options(0)).Judges;

        Assert.Equal(0.03125, judges[0].Accuracy.PValue!.Value, 12);
        Assert.Equal(0.5, judges[1].Accuracy.PValue!.Value, 12);
        Assert.Equal(0.0625, judges[0].Accuracy.HolmPValue!.Value, 12);
        Assert.Equal(0.5, judges[1].Accuracy.HolmPValue!.Value, 12);
    }

    [Fact]
    public void Paired_bootstrap_of_one_broken_pair_is_minus_k_over_n_with_k_binomial()
    {
        // A is right on all 20 pairs, B wrong on pair 3 only. Drawing the pairs jointly, a resample's accuracy difference
        // is −K/20 with K ~ Bin(20, 1/20) the draws of pair 3: P(K = 0) = 0.358, P(K ≤ 2) = 0.9245, P(K ≤ 3) = 0.9841.
        // So the 2.5% quantile of B − A is −3/20 and the 97.5% quantile 0: [−0.15, 0]. Resampling the two runs apart
        // would give B − A above 0 too; drawn jointly, B is never ahead.
        var pairs = TwoRuns.Pairs(20, [[]], [[3]]);
        var judge = RunComparer.Compare(pairs, TwoRuns.SameJudges("kimera"), TwoRuns.Options(4000)).Judges.Single();

        var ci = judge.Accuracy.DifferenceCi!;
        Assert.Equal(-0.15, ci[0], 12);
        Assert.Equal(0.0, ci[1], 12);
        // b = 1, c = 0: exact p = min(1, 2·½) = 1, mid-p = 2·½·½ = 0.5.
        Assert.Equal(1.0, judge.Accuracy.PValue!.Value, 12);
        Assert.Equal(0.5, judge.McNemar.MidPValue, 12);
        // A is right on every draw: its interval is [1, 1].
        Assert.Equal(new[] { 1.0, 1.0 }, judge.Accuracy.ACi!);
    }

    [Fact]
    public void The_same_seed_gives_the_same_intervals_and_another_seed_draws_again()
    {
        var pairs = TwoRuns.Pairs(30, [[1, 2]], [[3, 4, 5, 6, 7]]);
        var first = RunComparer.Compare(pairs, TwoRuns.SameJudges("kimera"), TwoRuns.Options(500)).Judges.Single();
        var again = RunComparer.Compare(pairs, TwoRuns.SameJudges("kimera"), new StatisticsOptions { BootstrapResamples = 500, Seed = 7 }).Judges.Single();
        Assert.Equal(first.Accuracy.DifferenceCi, again.Accuracy.DifferenceCi);
        Assert.Equal(first.F1.PValue, again.F1.PValue);
    }

    [Fact]
    public void DeLong_on_two_runs_of_the_same_pairs_matches_the_structural_components_computed_here()
    {
        var pairs = Enumerable.Range(0, Labels.Length).Select(i => new MatchedPair(
            $"q{i}", Labels[i], [new JudgeOutcome(ScoresA[i] >= 0.5, ScoresA[i])], [new JudgeOutcome(ScoresB[i] >= 0.5, ScoresB[i])])).ToArray();
        var judge = RunComparer.Compare(pairs, TwoRuns.SameJudges("kimera"), TwoRuns.Options(0)).Judges.Single();

        // DeLong et al. (1988) from the definition: V10(Xᵢ) = (1/n)Σⱼ ψ(Xᵢ, Yⱼ), V01(Yⱼ) = (1/m)Σᵢ ψ(Xᵢ, Yⱼ), ψ = 1, ½, 0;
        // S10, S01 the sample covariances (m − 1, n − 1); var(A − B) = (S10aa + S10bb − 2 S10ab)/m + (S01…)/n.
        var (aucA, v10A, v01A) = Placements(ScoresA);
        var (aucB, v10B, v01B) = Placements(ScoresB);
        var variance = (VarianceOfDifference(v10A, v10B) / 3) + (VarianceOfDifference(v01A, v01B) / 3);
        var z = (aucA - aucB) / Math.Sqrt(variance);
        var p = SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));

        // The same by hand in DeLongTestTests: AUC 8/9 and 11/18, var 25/162, z = 1/√2, p = erfc(½).
        Assert.Equal(8.0 / 9, aucA, 12);
        Assert.Equal(25.0 / 162, variance, 12);
        Assert.Equal(0.4795001221869535, p, 12);
        Assert.Equal(aucA, judge.Auroc.A!.Value, 12);
        Assert.Equal(aucB, judge.Auroc.B!.Value, 12);
        Assert.Equal(aucB - aucA, judge.Auroc.Difference!.Value, 12);
        Assert.Equal("delong", judge.Auroc.Test);
        Assert.Equal(p, judge.Auroc.PValue!.Value, 12);
        Assert.Equal(z, judge.DeLong!.Z!.Value, 12);
        Assert.Equal(variance, judge.DeLong.Variance, 12);
    }

    [Fact]
    public void Changed_verdicts_are_counted_and_the_widest_score_gap_comes_first()
    {
        // Verdicts (score ≥ 0.5) A: T T F T F F; B: T F T F T F. Changed: q1 (positive, T → F: broken, gap 0.4),
        // q2 (positive, F → T: fixed, gap 0.2), q3 (negative, T → F: fixed, gap 0.1), q4 (negative, F → T: broken, gap 0.5).
        var pairs = Enumerable.Range(0, Labels.Length).Select(i => new MatchedPair(
            $"q{i}", Labels[i], [new JudgeOutcome(ScoresA[i] >= 0.5, ScoresA[i])], [new JudgeOutcome(ScoresB[i] >= 0.5, ScoresB[i])])).ToArray();
        var changed = RunComparer.Compare(pairs, TwoRuns.SameJudges("kimera"), TwoRuns.Options(0), changedShown: 3).Judges.Single().Changed;

        Assert.Equal((4L, 2L, 2L, 0L), (changed.Count, changed.Fixed, changed.Broken, changed.Unlabelled));
        Assert.Equal(new[] { 4, 1, 2 }, changed.MostTypical);
    }

    [Fact]
    public void Regression_needs_a_significant_holm_p_and_the_interval_below_minus_the_margin()
    {
        // kimera alone: b = 6, c = 0, exact p = 0.03125 < 0.05. Jointly drawn, B − A = −K/20 with K ~ Bin(20, 6/20) the
        // draws of the six broken pairs: P(K ≤ 1) = 0.0076, P(K ≤ 2) = 0.0355, so the 97.5% quantile of B − A is −2/20.
        var pairs = TwoRuns.Pairs(20, [[], [10]], [[0, 1, 2, 3, 4, 5], [10, 12, 13]]);
        var alone = TwoRuns.SameJudges("kimera");
        var regressed = RunComparer.Compare(pairs, alone, TwoRuns.Options(), new RegressionRule(ComparedMetric.Accuracy, 0.05, 0.05)).Regression!;
        Assert.True(regressed.Regressed, regressed.Reason);
        Assert.Equal(-0.1, regressed.Judges[0].DifferenceCi![1], 12);
        Assert.StartsWith("regression: B is worse than A on accuracy (alpha 0.05, margin 0.05): kimera: 1.000 → 0.700", regressed.Reason, StringComparison.Ordinal);

        // A margin of 0.15: the interval's upper end −0.1 is not below −0.15.
        var withinMargin = RunComparer.Compare(pairs, alone, TwoRuns.Options(), new RegressionRule(ComparedMetric.Accuracy, 0.05, 0.15)).Regression!;
        Assert.False(withinMargin.Regressed);
        Assert.Contains("but the CI reaches −0.15 or above", withinMargin.Reason, StringComparison.Ordinal);

        // Both judges: Holm makes kimera's p 0.0625 ≥ 0.05, so nothing is shown worse.
        var both = RunComparer.Compare(pairs, TwoRuns.SameJudges("kimera", "llm"), TwoRuns.Options(), new RegressionRule(ComparedMetric.Accuracy)).Regression!;
        Assert.False(both.Regressed);
        Assert.Contains("Holm p 0.0625 ≥ 0.05", both.Reason, StringComparison.Ordinal);
    }

    private static (double Auc, double[] V10, double[] V01) Placements(double[] scores)
    {
        var positives = scores.Where((_, i) => Labels[i]).ToArray();
        var negatives = scores.Where((_, i) => !Labels[i]).ToArray();
        static double Psi(double x, double y) => x > y ? 1 : x == y ? 0.5 : 0;
        var v10 = positives.Select(x => negatives.Average(y => Psi(x, y))).ToArray();
        var v01 = negatives.Select(y => positives.Average(x => Psi(x, y))).ToArray();
        return (v10.Average(), v10, v01);
    }

    private static double VarianceOfDifference(double[] a, double[] b)
    {
        var d = a.Zip(b, (x, y) => x - y).ToArray();
        var mean = d.Average();
        return d.Sum(x => (x - mean) * (x - mean)) / (d.Length - 1);
    }
}
