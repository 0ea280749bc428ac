using Kimera.TestSupport;

namespace Kimera.Datasets.Tests;

/// <summary>
/// The original project's datasets (tests/data and samples). Expected counts were computed offline with Python's csv module
/// (csv.reader over the file opened with newline='' and encoding='utf-8'; record start line = previous
/// reader.line_num + 1), not with this code.
/// </summary>
public sealed class SharedDatasetReadingTests
{
    [Fact]
    public async Task Mixed_quick_is_read_as_twenty_labelled_pairs_in_file_order()
    {
        var (pairs, summary) = await DatasetTestFiles.ReadAllAsync(RepoPaths.TestData("mixed_quick.csv"));

        // Python: 20 records, labels True 10 / False 10, all lang en, first ids 19, 5, 14, last id 3.
        Assert.Equal(DatasetShape.Pairs, summary.Shape);
        Assert.Equal(20, summary.RowsRead);
        Assert.Equal(20, summary.GoodRows);
        Assert.Empty(summary.Problems);
        Assert.Equal(20, pairs.Count);
        Assert.Equal(10, summary.Positives);
        Assert.Equal(10, summary.Negatives);
        Assert.Equal(0, summary.Unlabelled);
        Assert.Equal(["19", "5", "14"], pairs.Take(3).Select(p => p.PairId));
        Assert.Equal("3", pairs[^1].PairId);
        Assert.Equal(new BenchmarkPair("19", "Mountains are tall", "Libraries are quiet", "en", "en", "neutral", false), pairs[0]);
        Assert.Equal(new BenchmarkPair("5", "Snow is white", "Snow is black", "en", "en", "contradiction", true), pairs[1]);
        Assert.Equal(20, summary.PairLanguages["en"]);
        Assert.True(summary.IsComplete);
    }

    [Fact]
    public async Task Mixed_5k_is_read_whole_with_its_multi_line_texts()
    {
        var (pairs, summary) = await DatasetTestFiles.ReadAllAsync(RepoPaths.Samples("mixed_5k.csv"));

        // Python: 4,998 records (5,022 physical lines; 15 records span several lines), True 2,499 / False 2,499,
        // ar/fr/en 1,666 each, no duplicate ids, no empty texts, longest text 1,233 characters.
        Assert.Equal(4998, summary.RowsRead);
        Assert.Equal(4998, pairs.Count);
        Assert.Empty(summary.Problems);
        Assert.Equal(2499, summary.Positives);
        Assert.Equal(2499, summary.Negatives);
        Assert.Equal(new Dictionary<string, long> { ["ar"] = 1666, ["en"] = 1666, ["fr"] = 1666 }, summary.RowLanguages);
        Assert.Equal("3679", pairs[0].PairId);
        Assert.Equal("3976", pairs[^1].PairId);
    }

    [Fact]
    public async Task A_slice_of_mixed_5k_stops_at_max_pairs_in_file_order()
    {
        var (pairs, summary) = await DatasetTestFiles.ReadAllAsync(
            RepoPaths.Samples("mixed_5k.csv"), new DatasetReaderOptions { MaxPairs = 500 });

        // Python: the 500th record has pair_id 2427; the first 500 records have True 242 / False 258.
        Assert.Equal(500, pairs.Count);
        Assert.Equal("2427", pairs[^1].PairId);
        Assert.Equal(242, summary.Positives);
        Assert.Equal(258, summary.Negatives);
        Assert.True(summary.StoppedAtMaxPairs);
        Assert.Equal(500, summary.RowsRead);
    }

    [Fact]
    public async Task Contradictions_offline_gives_each_partner_pair_once_and_as_many_negatives()
    {
        var (pairs, summary) = await DatasetTestFiles.ReadAllAsync(RepoPaths.TestData("contradictions_offline.csv"));

        // Python: 200 records but only 28 distinct ids; the 172 repeats are exact copies of an earlier row
        // (first one: line 10 repeats fr_0_false of line 6). The 28 rows form 14 partner pairs
        // (en 12, ar 8, fr 8 rows), the first ar_1_true~ar_1_false, then en_2_false~en_2_true.
        Assert.Equal(DatasetShape.Geoids, summary.Shape);
        Assert.Equal(200, summary.RowsRead);
        Assert.Equal(28, summary.GoodRows);
        Assert.Equal(172, summary.BadRows);
        Assert.All(summary.Problems, p => Assert.Equal(DatasetProblemKind.DuplicateId, p.Kind));
        Assert.Equal(new DatasetProblem(10, "fr_0_false", DatasetProblemKind.DuplicateId,
            "id 'fr_0_false' is already used on line 6 (this row repeats it)"), summary.Problems[0]);
        Assert.Equal(14, summary.Positives);
        Assert.Equal(14, summary.Negatives);
        Assert.Equal(28, pairs.Count);
        Assert.Empty(summary.UnknownPartnerIds);
        Assert.Equal("ar_1_true~ar_1_false", pairs[0].PairId);
        Assert.Equal("en_2_false~en_2_true", pairs[2].PairId);

        var partnerPairs = pairs.Where(p => p.Label == true).Select(p => Ids(p.PairId)).ToHashSet();
        var negatives = pairs.Where(p => p.Label == false).ToList();
        Assert.All(negatives, n =>
        {
            Assert.StartsWith("neg-", n.PairId, StringComparison.Ordinal);
            Assert.Equal("neutral", n.Type);
            var (a, b) = Ids(n.PairId["neg-".Length..]);
            Assert.NotEqual(a, b);
            Assert.DoesNotContain((a, b), partnerPairs);
            Assert.Equal(n.Lang1, n.Lang2); // every language has 8+ rows, so a same-language draw always exists
        });
        Assert.Equal(negatives.Count, negatives.Select(n => Ids(n.PairId["neg-".Length..])).Distinct().Count());
        Assert.Equal(pairs.Count, pairs.Select(p => p.PairId).Distinct().Count());
    }

    [Fact]
    public async Task Toy_contradictions_pairs_its_texts_unlabelled()
    {
        var (pairs, summary) = await DatasetTestFiles.ReadAllAsync(RepoPaths.TestData("toy_contradictions.csv"));

        // Python: 23 records (en 22, fr 1) -> floor(23 / 2) = 11 pairs, one text left over.
        Assert.Equal(DatasetShape.Texts, summary.Shape);
        Assert.Equal(23, summary.GoodRows);
        Assert.Equal(11, pairs.Count);
        Assert.Equal(11, summary.Unlabelled);
        Assert.Equal(1, summary.UnpairedTexts);
        Assert.All(pairs, p => Assert.Null(p.Label));
        Assert.All(pairs, p => Assert.Equal("random", p.Type));
        Assert.All(pairs, p => Assert.Matches("^t[0-9]+~t[0-9]+$", p.PairId));
        // Every text is used at most once: 22 distinct lines in the ids (lines 2..24).
        var lines = pairs.SelectMany(p => p.PairId.Split('~')).Select(t => int.Parse(t[1..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(22, lines.Distinct().Count());
        Assert.All(lines, l => Assert.InRange(l, 2, 24));
        Assert.Equal(new Dictionary<string, long> { ["en"] = 22, ["fr"] = 1 }, summary.RowLanguages);
    }

    [Fact]
    public async Task Mixed_contradictions_counts_records_not_lines()
    {
        var (pairs, summary) = await DatasetTestFiles.ReadAllAsync(RepoPaths.TestData("mixed_contradictions.csv"));

        // Python: 9,996 records over 10,067 physical lines (38 records hold line breaks inside quotes),
        // 4,998 partner pairs, en/fr/ar 3,332 rows each, no unknown partners.
        Assert.Equal(9996, summary.RowsRead);
        Assert.Equal(9996, summary.GoodRows);
        Assert.Empty(summary.Problems);
        Assert.Equal(4998, summary.Positives);
        Assert.Equal(4998, summary.Negatives);
        Assert.Equal(9996, pairs.Count);
        Assert.Equal("en_0_orig~en_0_contra", pairs[0].PairId);
    }

    [Fact]
    public async Task Line_numbers_count_the_line_breaks_inside_quoted_texts()
    {
        using var dir = new TempDirectory();
        var lines = await File.ReadAllLinesAsync(RepoPaths.TestData("mixed_contradictions.csv"));
        // Checked by hand (sed -n 1268,1275p): en_634_orig spans lines 1270-1271 and en_634_contra 1272-1273,
        // each text holding a line break. A repeat of en_634_orig inserted after line 1273 is on line 1274;
        // a row with an empty text appended at the end of the 10,067 lines (+1 inserted) is on line 10,069.
        var edited = lines.Take(1273)
            .Append("en_634_orig,en,a repeated id,x")
            .Concat(lines.Skip(1273))
            .Append("late_row,fr,,x");
        var path = dir.File("mixed_contradictions_edited.csv");
        await File.WriteAllLinesAsync(path, edited);

        var (_, summary) = await DatasetTestFiles.ReadAllAsync(path);

        Assert.Equal(
            [
                new DatasetProblem(1274, "en_634_orig", DatasetProblemKind.DuplicateId, "id 'en_634_orig' is already used on line 1270"),
                new DatasetProblem(10069, "late_row", DatasetProblemKind.MissingText, "text is empty"),
            ],
            summary.Problems);
        Assert.Equal(9998, summary.RowsRead);
    }

    /// <summary>The two geoid ids of a pair id, in a fixed order, so that a~b and b~a compare equal.</summary>
    private static (string, string) Ids(string pairId)
    {
        var parts = pairId.Split('~');
        return string.CompareOrdinal(parts[0], parts[1]) <= 0 ? (parts[0], parts[1]) : (parts[1], parts[0]);
    }
}
