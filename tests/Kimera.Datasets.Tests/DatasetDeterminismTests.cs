using Kimera.Statistics.Randomness;
using Kimera.TestSupport;

namespace Kimera.Datasets.Tests;

public sealed class DatasetDeterminismTests
{
    [Fact]
    public async Task The_same_seed_gives_the_same_geoid_pairs_and_another_seed_other_negatives_only()
    {
        var path = RepoPaths.TestData("contradictions_offline.csv");

        var (first, _) = await DatasetTestFiles.ReadAllAsync(path, new DatasetReaderOptions { Seed = 7 });
        var (again, _) = await DatasetTestFiles.ReadAllAsync(path, new DatasetReaderOptions { Seed = 7 });
        var (other, _) = await DatasetTestFiles.ReadAllAsync(path, new DatasetReaderOptions { Seed = 8 });

        Assert.Equal(first, again);
        Assert.Equal(first.Where(p => p.Label == true), other.Where(p => p.Label == true));
        Assert.NotEqual(first.Where(p => p.Label == false).Select(p => p.PairId), other.Where(p => p.Label == false).Select(p => p.PairId));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_text_pairs_and_another_seed_others()
    {
        var path = RepoPaths.TestData("toy_contradictions.csv");

        var (first, _) = await DatasetTestFiles.ReadAllAsync(path, new DatasetReaderOptions { Seed = 1 });
        var (again, _) = await DatasetTestFiles.ReadAllAsync(path, new DatasetReaderOptions { Seed = 1 });
        var (other, _) = await DatasetTestFiles.ReadAllAsync(path, new DatasetReaderOptions { Seed = 2 });

        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(p => p.PairId), other.Select(p => p.PairId));
    }

    [Fact]
    public async Task Geoid_plan_order_alternates_positives_and_negatives_so_max_pairs_keeps_the_balance()
    {
        var path = RepoPaths.TestData("mixed_contradictions.csv");

        var (all, _) = await DatasetTestFiles.ReadAllAsync(path);
        var (firstFive, summary) = await DatasetTestFiles.ReadAllAsync(path, new DatasetReaderOptions { MaxPairs = 5 });

        Assert.Equal(all.Take(5), firstFive);
        Assert.Equal([true, false, true, false, true], firstFive.Select(p => p.Label!.Value));
        Assert.Equal(["en_0_orig~en_0_contra", "en_1_orig~en_1_contra", "en_2_orig~en_2_contra"],
            firstFive.Where(p => p.Label == true).Select(p => p.PairId));
        // Positive 0 anchors its first text, positive 1 its second.
        Assert.StartsWith("neg-en_0_orig~", firstFive[1].PairId, StringComparison.Ordinal);
        Assert.StartsWith("neg-en_1_contra~", firstFive[3].PairId, StringComparison.Ordinal);
        Assert.True(summary.StoppedAtMaxPairs);
        Assert.Equal(3, summary.Positives);
        Assert.Equal(2, summary.Negatives);
    }

    [Fact]
    public void Seeded_shuffle_is_the_textbook_fisher_yates_over_the_seeded_sequence()
    {
        // Reference: replay the same draws by hand. For i = n-1 .. 1: j = Next(i + 1); swap(i, j).
        var items = new[] { 0, 1, 2, 3, 4 };
        var draws = new Random(3);
        var expected = (int[])items.Clone();
        for (var i = expected.Length - 1; i > 0; i--)
        {
            var j = draws.Next(i + 1);
            (expected[i], expected[j]) = (expected[j], expected[i]);
        }

        SeededShuffle.ShuffleInPlace(items.AsSpan(), new Random(3));

        Assert.Equal(expected, items);
        Assert.NotEqual([0, 1, 2, 3, 4], items);
    }

    [Fact]
    public async Task A_dataset_can_be_read_only_once_per_open()
    {
        await using var reader = await DatasetReader.OpenAsync(RepoPaths.TestData("mixed_quick.csv"));
        await reader.ValidateAsync();

        Assert.Throws<InvalidOperationException>(() => reader.ReadPairsAsync());
    }
}
