using Kimera.Statistics;
using Kimera.Statistics.Intervals;

namespace Kimera.Reporting.Tests;

public sealed class InvertedRankingTests
{
    [Fact]
    public void An_auroc_interval_entirely_below_one_half_is_said_in_plain_words()
    {
        var sentence = InvertedRanking.Sentence("kimera", Judge(0.17, [0.15, 0.19]), 0.95);

        Assert.NotNull(sentence);
        Assert.StartsWith("Kimera's score ranks contradictions below non-contradictions on these pairs: AUROC 0.170 (95% interval [0.150, 0.190]", sentence, StringComparison.Ordinal);
        // 1 − 0.17 = 0.83: the share of (contradiction, non-contradiction) pairings the non-contradiction wins.
        Assert.Contains("the non-contradiction gets the higher score 83.0% of the time", sentence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.45, 0.40, 0.50)] // the upper end touches 0.5: chance is not ruled out
    [InlineData(0.40, 0.30, 0.55)] // the interval straddles 0.5
    [InlineData(0.80, 0.75, 0.85)] // a good ranking
    public void Nothing_is_said_unless_the_whole_interval_is_below_one_half(double auroc, double lo, double hi)
    {
        Assert.False(InvertedRanking.Applies(Judge(auroc, [lo, hi])));
        Assert.Null(InvertedRanking.Sentence("kimera", Judge(auroc, [lo, hi]), 0.95));
    }

    [Fact]
    public void Without_an_interval_nothing_is_said_however_low_the_auroc()
    {
        Assert.Null(InvertedRanking.Sentence("kimera", Judge(0.0, null), 0.95));
    }

    [Fact]
    public void Just_below_one_half_is_enough()
    {
        Assert.True(InvertedRanking.Applies(Judge(0.45, [0.40, 0.4999])));
    }

    private static JudgeStatistics Judge(double auroc, double[]? ci) =>
        new(0.5, 0.5, 0.5, 0.5, 0.5, auroc, 0.5, 0, 100, 100, 0.5, null, ci is null ? null : new BootstrapIntervals(null, null, ci), null);
}
