using Kimera.Statistics.Sweeps;

using Kimera.TestSupport.Statistics;

namespace Kimera.Statistics.Tests;

public sealed class SweepSectionTests
{
    [Fact]
    public void A_sweep_lists_each_values_judge_with_accuracy_f1_and_auroc_and_their_intervals_in_axis_order()
    {
        var axis = new SweepAxis("resonance_threshold", [new SweepPoint("k60", 0.6), new SweepPoint("k70", 0.7), new SweepPoint("k80", 0.8)]);
        var options = new StatisticsOptions { BootstrapResamples = 200, Folds = 2, Sweep = axis };

        // k80 is wrong on 2 pairs, k70 on 5, k60 on 10 of 20 (HandMadeJudges A, B, C).
        var result = StatisticsCalculator.Compute(
            HandMadeJudges.Rows(20, HandMadeJudges.C, HandMadeJudges.B, HandMadeJudges.A), ["k60", "k70", "k80"], options);

        var sweep = result.Sweep!;
        Assert.Equal("resonance_threshold", sweep.Parameter);
        Assert.Equal([("k60", 0.6), ("k70", 0.7), ("k80", 0.8)], sweep.Points.Select(p => (p.Judge, p.Value)));
        Assert.Equal([0.5, 0.75, 0.9], sweep.Points.Select(p => p.Accuracy!.Value));
        // F1 = 2TP/(2TP + FP + FN): 10/20, 14/19, 18/20.
        Assert.Equal([0.5, 14.0 / 19, 0.9], sweep.Points.Select(p => p.F1!.Value), new RoundedComparer());
        Assert.Equal([0.5, 0.75, 0.9], sweep.Points.Select(p => p.Auroc!.Value), new RoundedComparer());
        foreach (var p in sweep.Points)
        {
            var judge = result.Judges[p.Judge];
            Assert.Equal(judge.Ci!.Accuracy, p.AccuracyCi);
            Assert.Equal(judge.Ci.F1, p.F1Ci);
            Assert.Equal(judge.Ci.Auroc, p.AurocCi);
            Assert.True(p.AccuracyCi![0] <= p.Accuracy && p.Accuracy <= p.AccuracyCi[1]);
        }

        var json = result.ToJson();
        Assert.Contains("\"sweep\": {", json, StringComparison.Ordinal);
        Assert.Contains("\"parameter\": \"resonance_threshold\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"sweep\"", (result with { Sweep = null }).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_whose_option_changed_no_verdict_says_so_and_one_that_changed_a_verdict_does_not()
    {
        // k1, k2 and k3 give the same verdicts on all four pairs (their scores differ, as resonance_threshold changes
        // only scars); k4 differs from them on the last pair.
        bool[] verdicts = [true, false, true, false];
        var rows = new[] { true, false, false, false }
            .Select((label, i) => new PairOutcome(label, "en", null, null, null,
            [
                new JudgeOutcome(verdicts[i], 0.6), new JudgeOutcome(verdicts[i], 0.7), new JudgeOutcome(verdicts[i], 0.8),
                new JudgeOutcome(i == 3 || verdicts[i], 0.9),
            ]))
            .ToArray();
        string[] names = ["k1", "k2", "k3", "k4"];
        var same = new SweepAxis("resonance_threshold", [new SweepPoint("k1", 0.6), new SweepPoint("k2", 0.7), new SweepPoint("k3", 0.8)]);
        var changed = new SweepAxis("high_resonance_threshold", [new SweepPoint("k1", 0.6), new SweepPoint("k4", 0.9)]);

        var unchanged = StatisticsCalculator.Compute(rows, names, new StatisticsOptions { BootstrapResamples = 0, Folds = 2, Sweep = same });
        var moved = StatisticsCalculator.Compute(rows, names, new StatisticsOptions { BootstrapResamples = 0, Folds = 2, Sweep = changed });

        Assert.False(unchanged.Sweep!.VerdictsChanged);
        Assert.Equal("resonance_threshold changed no verdict across its 3 values: every variant gave the same verdict on every pair", unchanged.Sweep.Note);
        Assert.Contains("\"verdicts_changed\":false,\"note\":\"resonance_threshold changed no verdict across its 3 values", unchanged.ToJson(indented: false), StringComparison.Ordinal);
        Assert.True(moved.Sweep!.VerdictsChanged);
        Assert.Null(moved.Sweep.Note);
        Assert.DoesNotContain("\"note\"", moved.ToJson(indented: false), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_naming_a_judge_that_did_not_run_is_refused_with_its_name()
    {
        var options = new StatisticsOptions { BootstrapResamples = 0, Folds = 2, Sweep = new SweepAxis("resonance_threshold", [new SweepPoint("k90", 0.9)]) };

        var error = Assert.Throws<ArgumentException>(() => StatisticsCalculator.Compute(HandMadeJudges.Rows(20, HandMadeJudges.A), ["k60"], options));

        Assert.Contains("names judge 'k90' (value 0.9), which is not among the judges (k60)", error.Message, StringComparison.Ordinal);
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-12;

        public int GetHashCode(double obj) => 0;
    }
}
