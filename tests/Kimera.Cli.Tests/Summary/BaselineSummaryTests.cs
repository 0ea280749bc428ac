using System.Text.RegularExpressions;
using Kimera.Cli.Summary;
using Kimera.Statistics;
using Kimera.Statistics.Sweeps;

namespace Kimera.Cli.Tests.Summary;

/// <summary>The terminal summary against the baselines (issue 24): one sentence per judge, the wrong-way warning, what
/// the cross-validated threshold adds, tied ranks and a sweep that changed no verdict, on tables worked out by hand.</summary>
public sealed class BaselineSummaryTests
{
    // labels T T T T T T F F F F; kimera T T T T T F F F F T (right on 8 of 10).
    private static readonly bool[] TenLabels = [true, true, true, true, true, true, false, false, false, false];
    private static readonly bool[] TenVerdicts = [true, true, true, true, true, false, false, false, false, true];

    [Fact]
    public void Each_judge_gets_one_sentence_against_the_majority_class_with_mcnemar_exact_p_its_f1_and_its_auroc()
    {
        // Majority class "contradiction": 6/10 = 0.600, F1 2·6/(2·6 + 4) = 0.750. kimera: accuracy 0.800,
        // F1 2·5/(2·5 + 1 + 1) = 10/12 = 0.833. Discordant pairs against the majority class: b = 3 (F pairs it called F),
        // c = 1 (the T pair it called F): exact p = 2·P(X ≤ 1), X ~ Binomial(4, ½) = 2·5/16 = 0.625, so no better.
        // AUROC of scores 0.9 (verdict T) / 0.1 (F): of 6·4 = 24 pairings, 15 won, 8 tied, 1 lost: (15 + 4)/24 = 0.792.
        var rows = TenLabels.Select((l, i) => Row(l, new JudgeOutcome(TenVerdicts[i], TenVerdicts[i] ? 0.9 : 0.1))).ToArray();
        var statistics = StatisticsCalculator.Compute(rows, ["kimera"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 });

        var lines = Summary(statistics);

        Assert.Contains(
            "kimera: accuracy 0.800 is no better than the majority class, always answering \"contradiction\" (0.600; McNemar exact p = 0.625); "
            + "F1 0.833 against 0.750 for always answering \"contradiction\"; AUROC 0.792, compared with chance (0.5): n/a (no bootstrap interval).",
            lines);
    }

    [Fact]
    public void A_judge_wrong_on_every_pair_is_worse_than_the_majority_class_and_the_wrong_way_warning_is_printed_in_the_terminal()
    {
        // 10 T and 10 F (a tie: the majority class is "contradiction", 0.500); the judge answers the opposite of every label
        // with a score that ranks every contradiction last. b = 0, c = 10: exact p = 2·(½)¹⁰ = 0.00195, printed 0.002.
        // Every bootstrap resample has accuracy 0 and AUROC 0, so both intervals are [0.000, 0.000].
        var rows = Enumerable.Range(0, 20).Select(i => Row(i < 10, new JudgeOutcome(i >= 10, i < 10 ? 0.1 : 0.9))).ToArray();
        var statistics = StatisticsCalculator.Compute(rows, ["kimera"], new StatisticsOptions { BootstrapResamples = 200, Folds = 2 });

        var lines = Summary(statistics);

        Assert.Contains(
            "kimera: accuracy 0.000 [0.000, 0.000] is worse than the majority class, always answering \"contradiction\" (0.500; McNemar exact p = 0.002); "
            + "F1 0.000 [0.000, 0.000] against 0.667 for always answering \"contradiction\"; AUROC 0.000 [0.000, 0.000] is below chance (0.5): its score points the wrong way.",
            lines);
        Assert.Contains(lines, l => l.StartsWith("Kimera's score ranks contradictions below non-contradictions on these pairs: AUROC 0.000", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cross_validated_threshold_is_said_in_words_when_it_says_more_than_the_verdicts()
    {
        // kimera's score is 0.5 on every pair: the only threshold calls every pair a contradiction. The raw resonance is 0.9
        // on every contradiction and 0.1 elsewhere: the threshold 0.9 learnt on one fold is right on every pair of the other,
        // 1.000, where kimera's verdicts reach 8 of 10 = 0.800.
        var rows = TenLabels.Select((l, i) => Row(l, new JudgeOutcome(TenVerdicts[i], 0.5)) with { Resonance = l ? 0.9 : 0.1 }).ToArray();
        var statistics = StatisticsCalculator.Compute(rows, ["kimera"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 });

        var lines = Summary(statistics);

        Assert.Contains("kimera: the best threshold on its score, chosen on held-out folds, calls every pair a contradiction, so its score separates nothing (cross-validated accuracy 0.600).", lines);
        Assert.Contains("kimera: a threshold on the raw resonance chosen on held-out folds reaches accuracy 1.000 where kimera's own verdicts reach 0.800.", lines);
    }

    [Fact]
    public void Judges_with_identical_verdicts_share_a_rank_marked_tied_and_none_of_them_alone_is_best()
    {
        // x and y right on all four pairs with the same verdicts, z right on two: x and y tied at rank 1, z rank 3.
        bool[] labels = [true, true, false, false];
        bool[] z = [true, false, true, false];
        var rows = labels.Select((l, i) => Row(l, new JudgeOutcome(l, l ? 0.9 : 0.1), new JudgeOutcome(l, l ? 0.7 : 0.3), new JudgeOutcome(z[i], z[i] ? 0.9 : 0.1))).ToArray();
        var statistics = StatisticsCalculator.Compute(rows, ["x", "y", "z"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 });

        var lines = Summary(statistics);

        var header = Array.FindIndex(lines, l => Regex.IsMatch(l, @"^judge\s+rank\s+accuracy"));
        Assert.True(header >= 0, "no ranking table");
        Assert.Matches(@"^x\s+1 \(tied\)\s+1\.000\s+1\.000\s+tied best$", lines[header + 1]);
        Assert.Matches(@"^y\s+1 \(tied\)\s+1\.000\s+1\.000\s+tied best$", lines[header + 2]);
        Assert.Matches(@"^z\s+3\s+0\.500\s+0\.500\s+yes$", lines[header + 3]);
        Assert.Contains("tied at rank 1 (identical verdicts on every pair): x, y", lines);
        Assert.DoesNotContain(lines.Skip(header + 1), l => Regex.IsMatch(l, @"\s(?<!tied )best$"));
    }

    [Fact]
    public void A_sweep_whose_option_changed_no_verdict_says_so()
    {
        var rows = TenLabels.Select((l, i) => Row(l, new JudgeOutcome(TenVerdicts[i], 0.6), new JudgeOutcome(TenVerdicts[i], 0.7))).ToArray();
        var axis = new SweepAxis("resonance_threshold", [new SweepPoint("kimera_0.6", 0.6), new SweepPoint("kimera_0.7", 0.7)]);
        var statistics = StatisticsCalculator.Compute(rows, ["kimera_0.6", "kimera_0.7"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2, Sweep = axis });

        var lines = Summary(statistics);

        Assert.Contains("resonance_threshold changed no verdict across its 2 values: every variant gave the same verdict on every pair", lines);
    }

    private static PairOutcome Row(bool label, params JudgeOutcome[] judges) => new(label, "en", null, null, null, judges);

    private static string[] Summary(StatisticsResult statistics)
    {
        using var text = new StringWriter();
        StatisticsSummaryView.Write(new PlainSummaryOutput(text, 400), statistics);
        return text.ToString().Split(Environment.NewLine);
    }
}
