using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.Tests;

public sealed class DeLongTestTests
{
    // Three positives and three negatives scored by two judges; judge b ties a positive with a negative at 0.4.
    private static readonly bool[] Labels = [true, true, true, false, false, false];
    private static readonly double[] ScoresA = [0.9, 0.8, 0.4, 0.5, 0.3, 0.2];
    private static readonly double[] ScoresB = [0.7, 0.4, 0.6, 0.4, 0.8, 0.1];

    [Fact]
    public void Structural_components_match_the_hand_computed_placements()
    {
        // DeLong et al. (1988): V10(Xᵢ) = (1/n)Σⱼ ψ(Xᵢ, Yⱼ), V01(Yⱼ) = (1/m)Σᵢ ψ(Xᵢ, Yⱼ), ψ = 1 above, ½ tie, 0 below.
        // Judge a: V10 = [3/3, 3/3, 2/3] (0.4 beats 0.3, 0.2, not 0.5); V01 = [2/3, 3/3, 3/3]; AUC = 8/9.
        // Judge b: V10 = [2/3, 1.5/3, 2/3] (0.7 beats 0.4, 0.1; 0.4 ties 0.4, beats 0.1; 0.6 beats 0.4, 0.1);
        //          V01 = [2.5/3, 0, 3/3]; AUC = 11/18.
        var a = DeLongTest.Components(Labels, ScoresA, 3, 3);
        var b = DeLongTest.Components(Labels, ScoresB, 3, 3);
        Assert.Equal(8.0 / 9, a.Auc, 12);
        Assert.Equal(11.0 / 18, b.Auc, 12);
        AssertClose([1, 1, 2.0 / 3], a.V10);
        AssertClose([2.0 / 3, 1, 1], a.V01);
        AssertClose([2.0 / 3, 0.5, 2.0 / 3], b.V10);
        AssertClose([2.5 / 3, 0, 1], b.V01);
    }

    [Fact]
    public void Test_statistic_matches_the_hand_computed_covariance()
    {
        // Deviations from the AUCs: a.V10 − 8/9 = [1/9, 1/9, −2/9]; b.V10 − 11/18 = [1/18, −2/18, 1/18];
        // a.V01 − 8/9 = [−2/9, 1/9, 1/9]; b.V01 − 11/18 = [4/18, −11/18, 7/18].
        // S10 (divide by m − 1 = 2): aa = (6/81)/2 = 1/27, bb = (6/324)/2 = 1/108, ab = (−3/162)/2 = −1/108.
        // S01 (divide by n − 1 = 2): aa = (6/81)/2 = 1/27, bb = (186/324)/2 = 31/108, ab = (−12/162)/2 = −1/27.
        // var(a − b) = (1/27 + 1/108 + 2/108)/3 + (1/27 + 31/108 + 2/27)/3 = 7/324 + 43/324 = 25/162.
        // diff = 8/9 − 11/18 = 5/18; z = (5/18)/√(25/162) = √162/18 = 1/√2; p = 2(1 − Φ(1/√2)) = erfc(½) = 0.4795001221869535.
        // 95% CI = 5/18 ± 1.959963984540054·√(25/162).
        var result = DeLongTest.Compare(Labels, ScoresA, ScoresB)!;
        Assert.Equal(8.0 / 9, result.AucA, 12);
        Assert.Equal(11.0 / 18, result.AucB, 12);
        Assert.Equal(25.0 / 162, result.Variance, 12);
        Assert.Equal(1 / Math.Sqrt(2), result.Z!.Value, 12);
        Assert.Equal(0.4795001221869535, result.PValue!.Value, 10);
        var half = 1.959963984540054 * Math.Sqrt(25.0 / 162);
        Assert.Equal((5.0 / 18) - half, result.Ci![0], 9);
        Assert.Equal((5.0 / 18) + half, result.Ci[1], 9);
    }

    [Fact]
    public void Swapping_the_judges_negates_z_and_keeps_p()
    {
        var forward = DeLongTest.Compare(Labels, ScoresA, ScoresB)!;
        var backward = DeLongTest.Compare(Labels, ScoresB, ScoresA)!;
        Assert.Equal(-forward.Z!.Value, backward.Z!.Value, 12);
        Assert.Equal(forward.PValue!.Value, backward.PValue!.Value, 12);
    }

    [Fact]
    public void Midranks_share_tied_ranks()
    {
        // Sorted: 0.1 (1), 0.4 and 0.4 (ranks 2 and 3 → 2.5), 0.7 (4).
        Assert.Equal([2.5, 4, 1, 2.5], DeLongTest.MidRanks([0.4, 0.7, 0.1, 0.4]));
    }

    [Fact]
    public void Needs_two_pairs_of_each_class()
    {
        Assert.Null(DeLongTest.Compare([true, false, false], [0.9, 0.1, 0.2], [0.8, 0.3, 0.1]));
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }
}
