using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.Tests;

public sealed class AgreementTests
{
    [Fact]
    public void Kappa_matches_the_textbook_grant_example()
    {
        // Wikipedia, "Cohen's kappa", simple example: 50 grant proposals, both yes 20, A yes/B no 5, A no/B yes 10,
        // both no 15. pₒ = 35/50 = 0.7; pₑ = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
        var result = Agreement.FromTable(20, 5, 10, 15);
        Assert.Equal(50, result.Pairs);
        Assert.Equal(0.7, result.Agreement!.Value, 12);
        Assert.Equal(0.4, result.CohenKappa!.Value, 12);
    }

    [Fact]
    public void Kappa_from_verdicts_counts_the_same_table()
    {
        // a: T T T F F F, b: T F T T F F → yes/yes 2, yes/no 1, no/yes 1, no/no 2.
        // pₒ = 4/6; pₑ = ½·½ + ½·½ = ½; κ = (⅔ − ½)/(½) = ⅓.
        var result = Agreement.Compute([true, true, true, false, false, false], [true, false, true, true, false, false]);
        Assert.Equal(4.0 / 6, result.Agreement!.Value, 12);
        Assert.Equal(1.0 / 3, result.CohenKappa!.Value, 12);
    }

    [Fact]
    public void Kappa_is_undefined_when_both_judges_always_say_the_same_thing()
    {
        var result = Agreement.Compute([true, true], [true, true]);
        Assert.Equal(1, result.Agreement);
        Assert.Null(result.CohenKappa);
    }
}
