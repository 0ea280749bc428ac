using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.Tests;

public sealed class ManyJudgesAnalysisTests
{
    // Which of judges a, b, c got each pair right: the 12 subjects × 3 conditions of the NCSS manual's Cochran's Q chapter
    // ("Experimental Design" table), taken twice (24 labelled pairs).
    private static readonly int[][] Correct =
    [
        [0, 1, 0], [1, 1, 0], [1, 1, 1], [0, 0, 0], [1, 0, 0], [0, 1, 1],
        [0, 0, 0], [1, 1, 0], [0, 1, 0], [1, 1, 1], [0, 1, 0], [1, 1, 0],
    ];

    private static readonly string[] Judges = ["a", "b", "c"];

    [Fact]
    public void Three_judges_get_cochrans_q_holm_adjusted_pairwise_tests_a_ranking_and_the_judges_as_good_as_the_best()
    {
        var result = StatisticsCalculator.Compute(Rows(), Judges, new StatisticsOptions { BootstrapResamples = 0 });
        var many = result.ManyJudges;

        Assert.NotNull(many);
        // By hand over the 24 labelled pairs: column totals 12, 18, 6 (N = 36), ΣRᵢ² = 76:
        // Q = 2 (3·504 − 1296) / (108 − 76) = 13.5; χ²(2) upper tail = e^(−13.5/2).
        Assert.Equal((3, 24L, 2), (many.CochranQ!.Judges, many.CochranQ.Pairs, many.CochranQ.DegreesOfFreedom));
        Assert.Equal(13.5, many.CochranQ.Statistic!.Value, 12);
        Assert.Equal(Math.Exp(-6.75), many.CochranQ.PValue!.Value, 12);

        // Exact McNemar by hand: a vs b has b = 2, c = 8 → 2·P(X ≤ 2 | Bin(10, ½)) = 112/1024; a vs c the mirror image;
        // b vs c has 12 discordant pairs all one way → 2/4096. Holm over the three: 3·2/4096, then max(·, 2·112/1024) twice.
        Assert.Equal(["a:b", "a:c", "b:c"], many.Pairwise.Select(p => $"{p.A}:{p.B}"));
        Assert.Equal(224.0 / 1024, many.Pairwise[0].McNemarExactPHolm!.Value, 12);
        Assert.Equal(224.0 / 1024, many.Pairwise[1].McNemarExactPHolm!.Value, 12);
        Assert.Equal(6.0 / 4096, many.Pairwise[2].McNemarExactPHolm!.Value, 12);
        Assert.Equal(
            HolmAdjustment.Adjust([.. result.Comparisons.Select(c => c.McNemar!.PValue)]),
            many.Pairwise.Select(p => p.McNemarPHolm));

        // Accuracy 0.5, 0.75, 0.25: b is best; a is not shown worse (0.219 ≥ 0.05), c is (0.0015 < 0.05).
        Assert.Equal([("b", 0.75), ("a", 0.5), ("c", 0.25)], many.ByAccuracy.Select(r => (r.Judge, r.Value)));
        Assert.Equal(["b", "a"], many.AsGoodAsBest);

        // Fleiss' kappa over the verdicts of the 24 pairs all three judged (the unlabelled pair c could not judge is left out).
        var verdicts = Rows().Where(r => r.Judges.All(o => !o.IsError)).ToList();
        var expected = FleissKappa.FromVerdicts([.. Enumerable.Range(0, 3).Select(j => (IReadOnlyList<bool>)[.. verdicts.Select(r => r.Judges[j].Pred!.Value)])]);
        Assert.Equal(24, many.FleissKappa!.Subjects);
        Assert.Equal(expected, many.FleissKappa);
    }

    [Fact]
    public void Two_judges_keep_the_statistics_object_without_a_many_judges_section()
    {
        var rows = Rows().Select(r => r with { Judges = [r.Judges[0], r.Judges[1]] }).ToList();

        var two = StatisticsCalculator.Compute(rows, ["a", "b"], new StatisticsOptions { BootstrapResamples = 0 });
        var three = StatisticsCalculator.Compute(Rows(), Judges, new StatisticsOptions { BootstrapResamples = 0 });

        Assert.Null(two.ManyJudges);
        Assert.DoesNotContain("many_judges", two.ToJson(), StringComparison.Ordinal);
        Assert.Contains("\"many_judges\"", three.ToJson(), StringComparison.Ordinal);
    }

    /// <summary>The table twice, labels alternating, each judge's verdict right or wrong as the table says (scores 0.8 / 0.2),
    /// and one unlabelled pair that judge c could not judge.</summary>
    private static List<PairOutcome> Rows()
    {
        var rows = new List<PairOutcome>();
        for (var i = 0; i < 24; i++)
        {
            var label = i % 2 == 0;
            var outcomes = Correct[i % 12].Select(right =>
            {
                var pred = right == 1 ? label : !label;
                return new JudgeOutcome(pred, pred ? 0.8 : 0.2);
            }).ToArray();
            rows.Add(new PairOutcome(label, "en", "t", "x", "y", outcomes));
        }

        rows.Add(new PairOutcome(null, "en", "t", "x", "y", [new JudgeOutcome(true, 0.8), new JudgeOutcome(false, 0.2), new JudgeOutcome(null, null, "timeout")]));
        return rows;
    }
}
