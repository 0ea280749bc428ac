using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.Tests;

public sealed class McNemarTestTests
{
    [Fact]
    public void Matches_r_mcnemar_test_on_discordant_counts_86_and_150()
    {
        // R: mcnemar.test(matrix(c(794, 150, 86, 570), 2)) → McNemar's chi-squared = 16.818, p-value = 4.115e-05;
        // binom.test(86, 236)$p.value = 3.716e-05 (the exact test).
        var result = McNemarTest.FromDiscordant(86, 150);
        Assert.Equal(16.818, result.Statistic!.Value, 3);
        Assert.Equal(4.115e-05, result.PValue!.Value, 8);
        Assert.Equal(3.716e-05, result.ExactPValue, 8);
    }

    [Fact]
    public void B_counts_pairs_the_first_judge_got_right_and_the_second_wrong()
    {
        bool[] correctA = [true, true, true, false, true, false];
        bool[] correctB = [false, false, true, true, true, false];
        var result = McNemarTest.FromCorrectness(correctA, correctB);
        Assert.Equal(2, result.B);
        Assert.Equal(1, result.C);
        // (|2 − 1| − 1)² / 3 = 0; exact p = min(1, 2·P(X ≤ 1)), X ~ Bin(3, ½) = 2·4/8 = 1.
        Assert.Equal(0, result.Statistic!.Value, 12);
        Assert.Equal(1, result.ExactPValue, 12);
    }

    [Fact]
    public void No_discordant_pairs_gives_no_statistic()
    {
        var result = McNemarTest.FromDiscordant(0, 0);
        Assert.Null(result.Statistic);
        Assert.Null(result.PValue);
        Assert.Equal(1, result.ExactPValue);
    }
}
