using Kimera.TestSupport;

namespace Kimera.Datasets.Tests;

/// <summary>Issue 22, point 4: a geoid naming an id that no row of the file has is a bad row, and a file that gives no pair
/// says why in one line (<see cref="DatasetSummary.NoPairsReason"/>). The files are written here; the expected values are
/// worked out by hand in the comments.</summary>
public sealed class NoPairsAndDanglingPartnerTests
{
    [Fact]
    public async Task A_geoids_file_whose_partners_are_all_missing_has_every_row_bad_and_no_pair()
    {
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "dangling.csv", string.Join("\n",
            "id,lang,text,label_contradict_id",
            "g1,en,The sky is blue.,g99",
            "g2,en,The sky is not blue.,g98",
            "g3,fr,Le ciel est bleu.,g99") + "\n");

        Assert.Empty(pairs);
        Assert.Equal(
            [
                new DatasetProblem(2, "g1", DatasetProblemKind.UnknownPartner, "label_contradict_id 'g99' names no row of the file"),
                new DatasetProblem(3, "g2", DatasetProblemKind.UnknownPartner, "label_contradict_id 'g98' names no row of the file"),
                new DatasetProblem(4, "g3", DatasetProblemKind.UnknownPartner, "label_contradict_id 'g99' names no row of the file"),
            ],
            summary.Problems);
        Assert.Equal(["g99", "g98"], summary.UnknownPartnerIds);
        Assert.Equal(3, summary.RowsRead);
        Assert.Equal(0, summary.GoodRows);
        Assert.Equal(3, summary.BadRows);
        Assert.Empty(summary.RowLanguages);
        Assert.Equal(
            $"{dir.File("dangling.csv")}: no pair to run: 3 rows read, all 3 bad (first: line 2 (id g1): label_contradict_id 'g99' names no row of the file)",
            summary.NoPairsReason());
    }

    [Fact]
    public async Task A_row_with_a_missing_partner_is_never_drawn_as_a_negative()
    {
        using var dir = new TempDirectory();
        // a and b are partners (en); c (fr) names a missing id. Kept, c would be the only possible negative of a~b (the
        // en pool holds only a and its partner, so the draw falls back to every row). Left out, a~b gets no negative.
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "geoids.csv", string.Join("\n",
            "id,lang,text,label_contradict_id",
            "a,en,Sky is blue.,b",
            "b,en,Sky is red.,a",
            "c,fr,Le ciel est vert.,q") + "\n");

        Assert.Equal([new BenchmarkPair("a~b", "Sky is blue.", "Sky is red.", "en", "en", "contradiction", true)], pairs);
        Assert.Equal(1, summary.NegativesShort);
        Assert.Equal(2, summary.GoodRows);
        Assert.Equal(1, summary.BadRows);
        Assert.Equal(new Dictionary<string, long> { ["en"] = 2 }, summary.RowLanguages);
        Assert.Null(summary.NoPairsReason());
    }

    [Fact]
    public async Task A_partner_that_is_a_bad_row_is_a_warning_and_the_naming_row_stays_for_negatives()
    {
        using var dir = new TempDirectory();
        // Line 3 (b) has no text: a bad row, so a (line 2) names a bad row. Line 6 (x) names a missing id: a bad row, so
        // y (line 7) names a bad row too. c and d (lines 4-5) are the one partner pair; good rows a, c, d, y.
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "geoids.csv", string.Join("\n",
            "id,lang,text,label_contradict_id",
            "a,en,A text.,b",
            "b,en,,a",
            "c,en,C text.,d",
            "d,en,D text.,c",
            "x,en,X text.,zz",
            "y,en,Y text.,x") + "\n");

        Assert.Equal(
            [
                new DatasetProblem(2, "a", DatasetProblemKind.BadPartner, "label_contradict_id 'b' names a bad row (line 3); the row is used for negatives only", RowSkipped: false),
                new DatasetProblem(3, "b", DatasetProblemKind.MissingText, "text is empty"),
                new DatasetProblem(6, "x", DatasetProblemKind.UnknownPartner, "label_contradict_id 'zz' names no row of the file"),
                new DatasetProblem(7, "y", DatasetProblemKind.BadPartner, "label_contradict_id 'x' names a bad row (line 6); the row is used for negatives only", RowSkipped: false),
            ],
            summary.Problems);
        Assert.Equal(["zz"], summary.UnknownPartnerIds);
        Assert.Equal(4, summary.GoodRows);
        Assert.Equal(2, summary.BadRows);
        Assert.Equal(2, pairs.Count);
        Assert.Equal(new BenchmarkPair("c~d", "C text.", "D text.", "en", "en", "contradiction", true), pairs[0]);
        // Positive 0 anchors its first text, c; the other text is a or y (d is c's partner, b and x are bad rows).
        Assert.Matches("^neg-c~[ay]$", pairs[1].PairId);
    }

    [Theory]
    [InlineData("pair_id,text1,text2,label\n", "the file has a header and no rows")]
    [InlineData("id,lang,text,label_contradict_id\n", "the file has a header and no rows")]
    [InlineData("text,lang\n", "the file has a header and no rows")]
    [InlineData("text,lang\nOnly one text,en\n", "1 text, a texts file needs at least 2")]
    [InlineData("text,lang\nOnly one text,en\n ,fr\n", "1 text, a texts file needs at least 2; 2 rows read, 1 bad (first: line 3: text is empty)")]
    [InlineData("pair_id,text1,text2,label\np1,,B,True\n", "1 row read, and it is bad (line 2 (id p1): text1 is empty)")]
    [InlineData("pair_id,text1,text2,label\np1,,B,True\np2,A,B,maybe\np3,A,,0\n", "3 rows read, all 3 bad (first: line 2 (id p1): text1 is empty)")]
    [InlineData("id,lang,text,label_contradict_id\ng1,en,A,\ng2,en,B,\n", "2 good rows, and none names another good row in label_contradict_id")]
    [InlineData(
        "id,lang,text,label_contradict_id\ng1,en,A,g99\ng2,en,B,\n",
        "1 good row, and a contradiction needs two; 2 rows read, 1 bad (first: line 2 (id g1): label_contradict_id 'g99' names no row of the file)")]
    public async Task A_file_that_gives_no_pair_says_why_in_one_line_naming_it(string content, string why)
    {
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "none.csv", content);

        Assert.Empty(pairs);
        Assert.Equal($"{dir.File("none.csv")}: no pair to run: {why}", summary.NoPairsReason());
    }

    [Fact]
    public async Task A_file_that_gives_pairs_has_no_no_pairs_reason()
    {
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "two.csv", "text,lang\nFirst text,en\nSecond text,en\n");

        Assert.Single(pairs);
        Assert.Null(summary.NoPairsReason());
    }
}
