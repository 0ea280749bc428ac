using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.Tests;

public sealed class FleissKappaTests
{
    [Fact]
    public void Matches_the_worked_example_of_10_subjects_14_raters_and_5_categories()
    {
        // The worked example of the Wikipedia article "Fleiss' kappa": P̄ = 0.378, P̄ₑ = 0.213, κ = 0.210.
        // By hand: category totals 20, 28, 39, 21, 32 of 140 ratings; ΣPᵢ = 688 / 182.
        int[][] counts =
        [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ];

        var result = FleissKappa.FromCounts(counts);

        Assert.Equal((10L, 14), (result.Subjects, result.Raters));
        Assert.Equal(688.0 / 182 / 10, result.ObservedAgreement, 12);
        Assert.Equal(((20.0 * 20) + (28 * 28) + (39 * 39) + (21 * 21) + (32 * 32)) / (140 * 140), result.ChanceAgreement, 12);
        Assert.Equal(0.378, result.ObservedAgreement, 3);
        Assert.Equal(0.213, result.ChanceAgreement, 3);
        Assert.Equal(0.210, result.Kappa!.Value, 3);
    }

    [Fact]
    public void Binary_verdicts_of_two_raters_give_scotts_pi()
    {
        // With two raters Fleiss' kappa is Scott's pi. Raters agree on 3 of 4 subjects: P̄ = 0.75;
        // 5 of the 8 verdicts are "yes": P̄ₑ = (5/8)² + (3/8)² = 34/64; π = (0.75 − 34/64) / (30/64) = 14/30.
        bool[] first = [true, true, false, true];
        bool[] second = [true, true, false, false];

        var result = FleissKappa.FromVerdicts([first, second]);

        Assert.Equal(0.75, result.ObservedAgreement, 12);
        Assert.Equal(34.0 / 64, result.ChanceAgreement, 12);
        Assert.Equal(14.0 / 30, result.Kappa!.Value, 12);
    }

    [Fact]
    public void Raters_who_all_say_the_same_on_every_subject_have_no_kappa()
    {
        bool[] yes = [true, true, true];

        var result = FleissKappa.FromVerdicts([yes, yes, yes]);

        Assert.Equal(1, result.ObservedAgreement, 12);
        Assert.Null(result.Kappa);
    }

    [Fact]
    public void Subjects_with_different_numbers_of_ratings_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FleissKappa.FromCounts([[1, 2], [2, 2]]));

        Assert.Contains("Subject 1 has 4 ratings", error.Message, StringComparison.Ordinal);
    }
}
