using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.Tests;

public sealed class CochranQTestTests
{
    [Fact]
    public void Matches_the_published_igor_pro_example_of_9_blocks_and_5_groups()
    {
        // WaveMetrics, Igor Pro manual, "StatsCochranTest" example (wave1): 9 blocks × 5 groups → Q = 5.56522, P = 0.234056.
        // By hand: column totals 4, 4, 0, 4, 4 (N = 16), ΣRᵢ² = 34: Q = 4 (5·64 − 256) / (80 − 34) = 256 / 46.
        int[][] blocks =
        [
            [0, 0, 0, 0, 1], [0, 0, 0, 0, 1], [0, 0, 0, 1, 1], [0, 1, 0, 1, 1], [0, 1, 0, 1, 0],
            [1, 1, 0, 1, 0], [1, 1, 0, 0, 0], [1, 0, 0, 0, 0], [1, 0, 0, 0, 0],
        ];

        var result = CochranQTest.FromCorrectness(ByJudge(blocks));

        Assert.Equal((5, 9L, 4), (result.Judges, result.Pairs, result.DegreesOfFreedom));
        Assert.Equal(256.0 / 46, result.Statistic!.Value, 12);
        Assert.Equal(5.56522, result.Statistic.Value, 5);
        Assert.Equal(0.234056, result.PValue!.Value, 6);
    }

    [Fact]
    public void Matches_the_published_igor_pro_example_that_rejects()
    {
        // The same manual's second example (wave2): Q = 10.3636, P = 0.0347281.
        int[][] blocks =
        [
            [0, 0, 0, 0, 1], [0, 0, 0, 0, 1], [0, 0, 0, 1, 1], [0, 1, 0, 1, 1], [1, 1, 0, 1, 1],
            [1, 1, 0, 1, 1], [1, 1, 0, 1, 0], [1, 1, 0, 0, 0], [1, 0, 0, 0, 0],
        ];

        var result = CochranQTest.FromCorrectness(ByJudge(blocks));

        Assert.Equal(10.3636, result.Statistic!.Value, 4);
        Assert.Equal(0.0347281, result.PValue!.Value, 7);
    }

    [Fact]
    public void Two_judges_give_mcnemars_statistic_without_continuity_correction()
    {
        // b = 86 pairs only the first judge got right, c = 150 only the second; 300 both, 100 neither.
        // Q = (b − c)² / (b + c) = 64² / 236.
        var first = new List<bool>();
        var second = new List<bool>();
        void Add(int count, bool a, bool b)
        {
            first.AddRange(Enumerable.Repeat(a, count));
            second.AddRange(Enumerable.Repeat(b, count));
        }

        Add(86, true, false);
        Add(150, false, true);
        Add(300, true, true);
        Add(100, false, false);

        var result = CochranQTest.FromCorrectness([first, second]);

        Assert.Equal(4096.0 / 236, result.Statistic!.Value, 12);
        Assert.Equal(McNemarTest.FromDiscordant(86, 150).ExactPValue < 0.001, result.PValue < 0.001);
    }

    [Fact]
    public void Judges_that_never_differ_on_a_pair_have_no_statistic()
    {
        bool[] same = [true, false, true];

        var result = CochranQTest.FromCorrectness([same, same, same]);

        Assert.Null(result.Statistic);
        Assert.Null(result.PValue);
    }

    [Fact]
    public void Judges_with_different_pair_counts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CochranQTest.FromCorrectness([[true, false], [true]]));
    }

    /// <summary>Rows of blocks (one 0/1 per judge) as one correctness list per judge.</summary>
    private static IReadOnlyList<bool>[] ByJudge(int[][] blocks) =>
        [.. Enumerable.Range(0, blocks[0].Length).Select(j => (IReadOnlyList<bool>)[.. blocks.Select(row => row[j] == 1)])];
}
