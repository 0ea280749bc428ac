using System.Text;
using Kimera.Datasets;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

[Trait("Category", "Process")]
public sealed class ValidateCommandTests
{
    [Fact]
    public async Task A_clean_pairs_file_prints_shape_and_counts_and_exits_0()
    {
        var path = RepoPaths.TestData("mixed_quick.csv");

        var (exit, output, error) = await KimeraProcess.RunAsync("validate", path);

        // mixed_quick.csv: 20 rows, 10 True and 10 False, all en (counted with Python's csv module).
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Equal(
            [
                $"File:      {path}",
                "Shape:     pairs (columns: pair_id, text1, text2, label, lang, type)",
                "Format:    csv",
                "Layout:    pairs (text1 = text1, text2 = text2, label = label (contradiction = true or 1), id = pair_id)",
                "Rows:      20 read, 20 good, 0 bad",
                "Pairs:     20 (10 contradiction, 10 not contradiction, 0 unlabelled)",
                "Languages: en 20 (rows); en 20 (pairs)",
                "Problems:  0",
            ],
            output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Bad_rows_are_listed_with_their_lines_and_exit_1()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.csv");
        // Line 2 good; line 3 has no text2; lines 4-5 are one good record; line 6 has an unknown label.
        await File.WriteAllTextAsync(path, string.Join("\n",
            "pair_id,text1,text2,label,lang,type",
            "1,Snow is white,Snow is black,True,en,contradiction",
            "2,Water is wet,,False,en,neutral",
            "3,\"Two",
            "lines\",Other,0,fr,neutral",
            "4,Fire is hot,Fire is cold,perhaps,en,contradiction") + "\n");

        var (exit, output, error) = await KimeraProcess.RunAsync("validate", path);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Rows:      4 read, 2 good, 2 bad", output, StringComparison.Ordinal);
        Assert.Contains("Problems:  2", output, StringComparison.Ordinal);
        Assert.Contains("  line 3 (id 2): text2 is empty", output, StringComparison.Ordinal);
        Assert.Contains("  line 6 (id 4): label 'perhaps' is not one of True, False, 1, 0 or empty", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_header_exits_2_with_the_expected_column_sets_on_stderr()
    {
        using var dir = new TempDirectory();
        var path = dir.File("other.csv");
        await File.WriteAllTextAsync(path, "name,value\nx,1\n");

        var (exit, output, error) = await KimeraProcess.RunAsync("validate", path);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            $"kimera validate: {path}, line 1: the header 'name,value' has none of the known column sets; expected {DatasetReader.ExpectedColumnSets}",
            error.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_non_utf8_file_exits_2()
    {
        using var dir = new TempDirectory();
        var path = dir.File("latin1.csv");
        await File.WriteAllBytesAsync(path, Encoding.Latin1.GetBytes("text,lang\nna\u00efve,en\n"));

        var (exit, _, error) = await KimeraProcess.RunAsync("validate", path);

        // "text,lang\n" is 10 bytes, "na" 2 more: the Latin-1 byte 0xEF of 'ï' is at offset 12, on line 2.
        Assert.Equal(2, exit);
        Assert.Equal($"kimera validate: {path}, line 2: the file is not valid UTF-8 (invalid byte 0xEF at byte offset 12); save it as UTF-8", error.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        using var dir = new TempDirectory();
        var path = dir.File("nowhere.csv");

        var (exit, _, error) = await KimeraProcess.RunAsync("validate", path);

        Assert.Equal(2, exit);
        Assert.Equal($"kimera validate: file '{path}' does not exist.", error.TrimEnd('\n'));
    }

    [Fact]
    public async Task Unknown_partner_ids_of_a_geoid_file_are_bad_rows_and_exit_1()
    {
        using var dir = new TempDirectory();
        var path = dir.File("geoids.csv");
        await File.WriteAllTextAsync(path, "id,lang,text,label_contradict_id\na,en,Sky is blue.,b\nb,en,Sky is red.,a\nc,fr,Le ciel est vert.,q\n");

        var (exit, output, error) = await KimeraProcess.RunAsync("validate", path);

        // c names a missing id: a bad row, left out. a~b is the one partner pair; its negative would be drawn among the
        // rows that are not a's partner, and there is none left (c was the only one): no negative.
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Rows:      3 read, 2 good, 1 bad", output, StringComparison.Ordinal);
        Assert.Contains("Unknown partner ids: 1 (q)", output, StringComparison.Ordinal);
        Assert.Contains("Pairs:     1 (1 contradiction, 0 not contradiction, 0 unlabelled)", output, StringComparison.Ordinal);
        Assert.Contains("Negatives short: 1 positive(s) got no negative (too few non-partner texts)", output, StringComparison.Ordinal);
        Assert.Contains("  line 4 (id c): label_contradict_id 'q' names no row of the file\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_only_file_says_it_has_no_rows_and_exits_2()
    {
        using var dir = new TempDirectory();
        var path = dir.File("empty-pairs.csv");
        await File.WriteAllTextAsync(path, "pair_id,text1,text2,label\n");

        var (exit, output, error) = await KimeraProcess.RunAsync("validate", path);

        Assert.Equal(2, exit);
        Assert.Equal($"kimera validate: {path}: no pair to run: the file has a header and no rows", error.TrimEnd('\n'));
        Assert.Equal(
            [
                $"File:      {path}",
                "Shape:     pairs (columns: pair_id, text1, text2, label)",
                "Format:    csv",
                "Layout:    pairs (text1 = text1, text2 = text2, label = label (contradiction = true or 1), id = pair_id)",
                "Rows:      0 read, 0 good, 0 bad",
                "Pairs:     0 (0 contradiction, 0 not contradiction, 0 unlabelled)",
                "Languages: none (rows); none (pairs)",
                "Problems:  0",
            ],
            output.TrimEnd('\n').Split('\n'));
    }
}
