using System.Text;
using Kimera.Datasets.Records;
using Kimera.TestSupport;

namespace Kimera.Datasets.Tests;

/// <summary>Files written by the tests, one problem per row; the expected lines and reasons are worked out by hand in the comments.</summary>
public sealed class MalformedCsvTests
{
    // Physical lines (1 = header):
    //  2 p1 good
    //  3 p2 text1 empty
    //  4 p3 label "maybe"
    //  5 p1 again (duplicate of line 2)
    //  6-7 p4 good, its text1 holds a line break
    //  8 p5 "bad"quote: text after a closing quote
    //  9 p6 text1 of 51 characters with the limit set to 50
    // 10 p7 unquoted comma: 7 fields
    // 11 empty pair_id
    // 12 p8 good, unlabelled, no type
    // 13 p9 a quote that is not closed on its line: RFC 4180 reading takes it as closed by the first quote of
    //    line 15, followed by text (so the reason is text after the closing quote); the record runs to the end
    //    of the file, and lines 14-15 are read again as rows
    // 14 p10 good
    // 15 p11 good, escaped quotes, label TRUE
    private static readonly string PairsCorpus = string.Join("\n",
        "pair_id,text1,text2,label,lang,type",
        "p1,Snow is white,Snow is black,True,en,contradiction",
        "p2,,Water is wet,False,en,neutral",
        "p3,Fire is hot,Fire is cold,maybe,en,contradiction",
        "p1,Again,Other,False,en,neutral",
        "p4,\"Multi",
        "line text\",Other text,0,fr,neutral",
        "p5,\"bad\"quote,x,True,en,contradiction",
        "p6," + new string('a', 51) + ",y,1,en,contradiction",
        "p7,Hello, world,Bye,True,en,contradiction",
        ",No id,Text,False,en,neutral",
        "p8,Good one,Another,,en,",
        "p9,\"Unterminated,x,True,en,contradiction",
        "p10,Still here,After the break,False,en,neutral",
        "p11,\"Quoted \"\"inner\"\" ok\",Fine,TRUE,ar,contradiction") + "\n";

    [Fact]
    public async Task Every_bad_row_is_listed_with_its_line_and_reason_and_good_rows_go_on()
    {
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "corpus.csv", PairsCorpus, new DatasetReaderOptions { MaxTextLength = 50 });

        Assert.Equal(
            [
                new DatasetProblem(3, "p2", DatasetProblemKind.MissingText, "text1 is empty"),
                new DatasetProblem(4, "p3", DatasetProblemKind.UnknownLabel, "label 'maybe' is not one of True, False, 1, 0 or empty"),
                new DatasetProblem(5, "p1", DatasetProblemKind.DuplicateId, "pair_id 'p1' is already used on line 2"),
                new DatasetProblem(8, "p5", DatasetProblemKind.BrokenQuoting, "broken quoting: text after the closing quote of a quoted field"),
                new DatasetProblem(9, "p6", DatasetProblemKind.TextTooLong, "text1 has 51 characters, more than the limit of 50"),
                new DatasetProblem(10, "p7", DatasetProblemKind.FieldCount, "the row has 7 fields, the header has 6 (an unquoted comma in a text?)"),
                new DatasetProblem(11, null, DatasetProblemKind.MissingId, "pair_id is empty"),
                new DatasetProblem(13, "p9", DatasetProblemKind.BrokenQuoting,
                    "broken quoting: text after the closing quote of a quoted field (the record ran over lines 13-15; lines 14-15 were read again as rows)"),
            ],
            summary.Problems);
        Assert.Equal(["p1", "p4", "p8", "p10", "p11"], pairs.Select(p => p.PairId));
        Assert.Equal(new BenchmarkPair("p4", "Multi\nline text", "Other text", "fr", "fr", "neutral", false), pairs[1]);
        Assert.Equal(new BenchmarkPair("p8", "Good one", "Another", "en", "en", "unknown", null), pairs[2]);
        Assert.Equal(new BenchmarkPair("p11", "Quoted \"inner\" ok", "Fine", "ar", "ar", "contradiction", true), pairs[4]);
        // 14 physical data lines, one record over two lines: 13 records, 5 good + 8 bad: nothing lost.
        Assert.Equal(13, summary.RowsRead);
        Assert.Equal(5, summary.GoodRows);
        Assert.Equal(8, summary.BadRows);
    }

    [Fact]
    public async Task A_quote_never_closed_at_the_end_of_the_file_is_reported_and_earlier_rows_kept()
    {
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "open.csv", string.Join("\n",
            "pair_id,text1,text2,label,lang,type",
            "a,One,Two,True,en,contradiction",
            "b,\"Never closed,x,False,en,neutral",
            "c,Three,Four,False,en,neutral") + "\n");

        // Line 3 opens a quote that nothing closes: the record runs over lines 3-4 to the end of the file;
        // line 4 is read again and kept.
        Assert.Equal(
            [new DatasetProblem(3, "b", DatasetProblemKind.BrokenQuoting,
                "broken quoting: a quoted field that is never closed (the record ran over lines 3-4; line 4 was read again as a row)")],
            summary.Problems);
        Assert.Equal(["a", "c"], pairs.Select(p => p.PairId));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task A_quote_that_runs_past_the_record_limit_costs_its_row_and_nothing_else(string newline)
    {
        // Line 3 opens a quote; lines 4-8003 are good rows of about 45 bytes except line 4003, which opens a second
        // quote. 4,000 rows (180 KB) lie between the two quotes and after the second, past the 1,024-byte record limit
        // set here (and past CsvHelper's buffer, which it only grows up to the limit). With the default 16 MiB limit the
        // same file takes the small-record path (the quote of line 4003 closes the one of line 3): both must keep the
        // same pairs and reject lines 3 and 4003.
        var lines = new List<string> { "pair_id,text1,text2,label,lang,type", "a,One,Two,True,en,contradiction", "b,\"Never closed,x,False,en,neutral" };
        for (var n = 4; n <= 8003; n++)
        {
            lines.Add(n == 4003 ? "c,\"Open again,y,1,en,x" : $"g{n},Good text on line {n},Other text,0,en,neutral");
        }

        var content = string.Join(newline, lines) + newline;
        using var dir = new TempDirectory();
        var (limited, limitedSummary) = await DatasetTestFiles.ReadTextAsync(dir, "limited.csv", content, new DatasetReaderOptions { MaxRecordBytes = 1024 });
        var (unlimited, unlimitedSummary) = await DatasetTestFiles.ReadTextAsync(dir, "unlimited.csv", content);

        Assert.Equal(
            [
                new DatasetProblem(3, "b", DatasetProblemKind.BrokenQuoting,
                    "broken quoting: a quoted field that is never closed (the record ran past 1,024 bytes; the lines after line 3 were read again as rows)"),
                new DatasetProblem(4003, "c", DatasetProblemKind.BrokenQuoting,
                    "broken quoting: a quoted field that is never closed (the record ran past 1,024 bytes; the lines after line 4003 were read again as rows)"),
            ],
            limitedSummary.Problems);
        Assert.Equal([3, 4003], unlimitedSummary.Problems.Select(p => p.Line));
        string[] expected = ["a", .. Enumerable.Range(4, 8000).Where(n => n != 4003).Select(n => $"g{n}")];
        Assert.Equal(expected, limited.Select(p => p.PairId));
        Assert.Equal(expected, unlimited.Select(p => p.PairId));
        Assert.Equal((8002, 8000, 2), (limitedSummary.RowsRead, limitedSummary.GoodRows, limitedSummary.BadRows));
    }

    [Fact]
    public async Task Recovering_from_a_quote_never_closed_keeps_input_bounded_by_the_record_limit_not_the_file()
    {
        // Line 2 opens a quote nothing closes and 300,000 good rows (about 30 MB) follow. The reader gives up on the quote at
        // the record limit (1 MiB here) and goes back to line 3: what it keeps of the input to do so is the current record
        // (up to the limit) plus the CSV reader's read-ahead (its buffer grows up to the limit too; 2 MiB and 36 bytes
        // measured), so under three limits, never the 30 MB behind the quote. (The
        // live heap is not the measure here: other tests allocate in parallel, and the reader's per-row state, such as its
        // set of pair ids, is another matter.)
        const int goodRows = 300_000;
        const int limit = 1 << 20;
        using var dir = new TempDirectory();
        var path = dir.File("broken.csv");
        await using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
        {
            await writer.WriteAsync("pair_id,text1,text2,label,lang,type\nbad,\"This quote is never closed,Other text,1,en,contradiction\n");
            for (var i = 0; i < goodRows; i++)
            {
                await writer.WriteAsync($"p{i},The first statement number {i} is quite long,The second statement {i} is long too,0,en,neutral\n");
            }
        }

        Assert.True(new FileInfo(path).Length > 30L * limit);

        await using var source = CsvRecordSource.Open(File.OpenRead(path), "broken.csv", limit);
        await source.ReadHeaderAsync(CancellationToken.None);
        var records = 0;
        await foreach (var record in source.ReadAsync(CancellationToken.None))
        {
            records++;
        }

        Assert.Equal(goodRows + 1, records); // the broken line as one record, then every good row
        Assert.InRange(source.PeakKeptBytes, limit, 3L * limit);
    }

    [Fact]
    public async Task A_row_with_several_problems_is_listed_once_with_every_reason()
    {
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(
            dir, "two.csv", "pair_id,text1,text2,label,lang,type\nq1,,,yes,en,x\n");

        Assert.Empty(pairs);
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(new DatasetProblem(2, "q1", DatasetProblemKind.MissingText,
            "text1 is empty; text2 is empty; label 'yes' is not one of True, False, 1, 0 or empty"), problem);
    }

    [Fact]
    public async Task Crlf_line_ends_and_a_byte_order_mark_do_not_shift_line_numbers()
    {
        using var dir = new TempDirectory();
        var path = dir.File("crlf.csv");
        // BOM, header with other case, other order and an extra column; line 2-3 is one record; line 4 lacks its text.
        var text = "Lang,TEXT,Source\r\nen,\"two\r\nlines\",a\r\nfr,,b\r\nar,ok,c\r\n";
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var (pairs, summary) = await DatasetTestFiles.ReadAllAsync(path);

        Assert.Equal(DatasetShape.Texts, summary.Shape);
        Assert.Equal([new DatasetProblem(4, null, DatasetProblemKind.MissingText, "text is empty")], summary.Problems);
        var pair = Assert.Single(pairs);
        Assert.Equal(["ar", "en"], new[] { pair.Lang1, pair.Lang2 }.Order());
        Assert.Contains("two\r\nlines", new[] { pair.Text1, pair.Text2 });
    }

    [Fact]
    public async Task Geoid_problems_make_a_missing_partner_a_bad_row_and_keep_a_self_partner()
    {
        using var dir = new TempDirectory();
        // Line 2-3 partners; line 4 names a missing id (a bad row); line 5 names itself (kept); line 6 has no partner;
        // line 7 repeats id a.
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "geoids.csv", string.Join("\n",
            "id,lang,text,label_contradict_id",
            "a,en,The sky is blue.,b",
            "b,en,The sky is not blue.,a",
            "c,en,Water is wet.,zz",
            "d,en,Fire is hot.,d",
            "e,en,Grass is green.,",
            "a,en,Another text.,b") + "\n");

        Assert.Equal(
            [
                new DatasetProblem(4, "c", DatasetProblemKind.UnknownPartner, "label_contradict_id 'zz' names no row of the file"),
                new DatasetProblem(5, "d", DatasetProblemKind.SelfPartner, "label_contradict_id names the row itself; the row is used for negatives only", RowSkipped: false),
                new DatasetProblem(7, "a", DatasetProblemKind.DuplicateId, "id 'a' is already used on line 2"),
            ],
            summary.Problems);
        Assert.Equal(["zz"], summary.UnknownPartnerIds);
        Assert.Equal(4, summary.GoodRows);
        Assert.Equal(2, summary.BadRows);
        Assert.Equal(2, pairs.Count);
        Assert.Equal(new BenchmarkPair("a~b", "The sky is blue.", "The sky is not blue.", "en", "en", "contradiction", true), pairs[0]);
        // Positive 0 anchors its first text, a; the negative is drawn among d and e (b is a's partner, c a bad row).
        Assert.Matches("^neg-a~[de]$", pairs[1].PairId);
    }
}
