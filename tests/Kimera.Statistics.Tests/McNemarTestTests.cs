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

    [Fact]
    public void Exact_and_mid_p_match_fagerland_lydersen_laake_on_b_1_c_7()
    {
        // Fagerland, Lydersen & Laake (2013), BMC Med Res Methodol 13:91, Table 1 example: b = 1, c = 7 gives exact
        // conditional p = 0.070 and mid-p = 0.039. By hand, X ~ Bin(8, ½): P(X = 0) = 1/256, P(X = 1) = 8/256;
        // exact = 2·P(X ≤ 1) = 18/256 = 0.0703125; mid-p = 2·[P(X < 1) + ½·P(X = 1)] = 2·(1 + 4)/256 = 10/256 = 0.0390625.
        var result = McNemarTest.FromDiscordant(1, 7);
        Assert.Equal(18.0 / 256, result.ExactPValue, 12);
        Assert.Equal(10.0 / 256, result.MidPValue, 12);
    }

    [Theory]
    // b = 0, c = 5: X ~ Bin(5, ½), P(X = 0) = 1/32; exact = 2/32; mid-p = 2·(0 + ½·1/32) = 1/32.
    [InlineData(0, 5, 2.0 / 32, 1.0 / 32)]
    // b = 10, c = 2 (k = 2, n = 12): P(0) = 1/4096, P(1) = 12/4096, P(2) = 66/4096;
    // exact = 2·79/4096 = 158/4096; mid-p = 2·(13 + 33)/4096 = 92/4096.
    [InlineData(10, 2, 158.0 / 4096, 92.0 / 4096)]
    // b = c = 3: exact = min(1, 2·P(X ≤ 3)) with X ~ Bin(6, ½) = min(1, 2·42/64) = 1; mid-p = 2·[P(X < 3) + ½·P(X = 3)]
    // = 2·(22 + 10)/64 = 1.
    [InlineData(3, 3, 1.0, 1.0)]
    // No discordant pair: nothing against the null, both 1.
    [InlineData(0, 0, 1.0, 1.0)]
    public void Mid_p_is_twice_the_lower_tail_below_min_plus_half_the_point_probability(long b, long c, double exact, double midP)
    {
        var result = McNemarTest.FromDiscordant(b, c);
        Assert.Equal(exact, result.ExactPValue, 12);
        Assert.Equal(midP, result.MidPValue, 12);
    }
}
