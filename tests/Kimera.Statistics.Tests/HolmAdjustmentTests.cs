using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.Tests;

public sealed class HolmAdjustmentTests
{
    [Fact]
    public void Matches_the_worked_example_of_four_hypotheses()
    {
        // The example of the Wikipedia article "Holm–Bonferroni method": p = 0.01, 0.04, 0.03, 0.005 at α = 0.05 rejects
        // H4 and H1 only. Adjusted by hand (sorted 0.005, 0.01, 0.03, 0.04): 4·0.005 = 0.02, 3·0.01 = 0.03,
        // 2·0.03 = 0.06, max(0.06, 1·0.04) = 0.06 — as R's p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm").
        var adjusted = HolmAdjustment.Adjust([0.01, 0.04, 0.03, 0.005]);

        Assert.Equal(0.03, adjusted[0]!.Value, 12);
        Assert.Equal(0.06, adjusted[1]!.Value, 12);
        Assert.Equal(0.06, adjusted[2]!.Value, 12);
        Assert.Equal(0.02, adjusted[3]!.Value, 12);
        Assert.Equal([true, false, false, true], adjusted.Select(p => p < 0.05));
    }

    [Fact]
    public void Adjusted_values_are_capped_at_one_and_missing_tests_stay_missing_and_do_not_count()
    {
        // m = 2 tests: the smaller, 0.55, becomes 2·0.55 = 1.1, capped at 1; the larger, 0.6, becomes max(1, 1·0.6) = 1
        // (adjusted values never fall with rank). The null is no test.
        var adjusted = HolmAdjustment.Adjust([0.6, null, 0.55]);

        Assert.Equal(1.0, adjusted[0]!.Value, 12);
        Assert.Null(adjusted[1]);
        Assert.Equal(1.0, adjusted[2]!.Value, 12);

        // m = 2 again: 2·0.02 = 0.04, then max(0.04, 0.03) = 0.04 for the larger p.
        var close = HolmAdjustment.Adjust([0.03, 0.02]);
        Assert.Equal([0.04, 0.04], close.Select(p => Math.Round(p!.Value, 12)));
    }
}
