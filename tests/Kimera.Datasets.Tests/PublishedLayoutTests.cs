using System.IO.Compression;
using System.Text;
using Kimera.Datasets.Formats;
using Kimera.Datasets.Layouts;
using Kimera.TestSupport;

namespace Kimera.Datasets.Tests;

/// <summary>
/// Files in the layouts the benchmarks are published in, written here from the datasets' public descriptions (the field
/// names and label values of the SNLI 1.0 and MultiNLI 1.0 READMEs, the ANLI repository's JSON Lines, the Hugging Face
/// `datasets` NLI exports, FEVER and VitaminC), with their published first examples as texts. Expected pairs are read off
/// the rows by hand.
/// </summary>
public sealed class PublishedLayoutTests
{
    // SNLI 1.0 test, the first three pairs of its first caption (snli_1.0_test.jsonl), parses shortened to "( … )", plus
    // a pair with gold label "-" (no consensus among the annotators), as SNLI publishes such pairs.
    private static readonly string SnliJsonl = string.Join("\n",
        """{"annotator_labels": ["neutral", "contradiction", "contradiction", "neutral", "neutral"], "captionID": "2677109430.jpg#1", "gold_label": "neutral", "pairID": "2677109430.jpg#1r1n", "sentence1": "This church choir sings to the masses as they sing joyous songs from the book at a church.", "sentence1_binary_parse": "( ( This ( church choir ) ) ( ( ( sings ( to ( the masses ) ) ) ( as ( they ( ( sing ( joyous songs ) ) ( from ( ( the book ) ( at ( a church ) ) ) ) ) ) ) ) . ) )", "sentence1_parse": "(ROOT (S))", "sentence2": "The church has cracks in the ceiling.", "sentence2_binary_parse": "( ( The church ) ( ( has ( cracks ( in ( the ceiling ) ) ) ) . ) )", "sentence2_parse": "(ROOT (S))"}""",
        """{"annotator_labels": ["entailment", "entailment", "entailment", "neutral", "entailment"], "captionID": "2677109430.jpg#1", "gold_label": "entailment", "pairID": "2677109430.jpg#1r1e", "sentence1": "This church choir sings to the masses as they sing joyous songs from the book at a church.", "sentence1_binary_parse": "( x )", "sentence1_parse": "(ROOT (S))", "sentence2": "The church is filled with song.", "sentence2_binary_parse": "( x )", "sentence2_parse": "(ROOT (S))"}""",
        """{"annotator_labels": ["contradiction", "contradiction", "contradiction", "contradiction", "contradiction"], "captionID": "2677109430.jpg#1", "gold_label": "contradiction", "pairID": "2677109430.jpg#1r1c", "sentence1": "This church choir sings to the masses as they sing joyous songs from the book at a church.", "sentence1_binary_parse": "( x )", "sentence1_parse": "(ROOT (S))", "sentence2": "A choir singing at a baseball game.", "sentence2_binary_parse": "( x )", "sentence2_parse": "(ROOT (S))"}""",
        """{"annotator_labels": ["neutral", "contradiction", "entailment", "neutral", "contradiction"], "captionID": "2437789326.jpg#4", "gold_label": "-", "pairID": "2437789326.jpg#4r1n", "sentence1": "A woman with a green headscarf, blue shirt and a very big grin.", "sentence1_binary_parse": "( x )", "sentence1_parse": "(ROOT (S))", "sentence2": "The woman is young.", "sentence2_binary_parse": "( x )", "sentence2_parse": "(ROOT (S))"}""") + "\n";

    [Fact]
    public async Task Snli_json_lines_give_pairs_by_pair_id_with_the_gold_label_as_type_and_the_no_gold_row_counted()
    {
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "snli_1.0_test.jsonl", SnliJsonl);

        Assert.Equal(
            [
                ("2677109430.jpg#1r1n", "The church has cracks in the ceiling.", (bool?)false, "neutral"),
                ("2677109430.jpg#1r1e", "The church is filled with song.", false, "entailment"),
                ("2677109430.jpg#1r1c", "A choir singing at a baseball game.", true, "contradiction"),
            ],
            pairs.Select(p => (p.PairId, p.Text2, p.Label, p.Type)));
        Assert.All(pairs, p => Assert.Equal("This church choir sings to the masses as they sing joyous songs from the book at a church.", p.Text1));
        Assert.Equal((4L, 3L, 0L, 1L), (summary.RowsRead, summary.GoodRows, summary.BadRows, summary.NoGoldRows));
        Assert.Equal([4L], summary.NoGoldLines);
        Assert.Equal(("jsonl", "snli", (string?)null), (summary.Mapping!.Format, summary.Mapping.Layout, summary.Mapping.LabelNote));
        Assert.Equal(
            "text1 = sentence1, text2 = sentence2, label = gold_label (contradiction = contradiction), id = pairID",
            summary.Mapping.Describe());
    }

    [Fact]
    public async Task Snli_tab_separated_text_keeps_a_leading_double_quote_and_reads_crlf_like_lf()
    {
        // snli_1.0_test.txt: tab-separated, unquoted. The second sentence starts with a double quote that CSV would take as
        // the start of a quoted field; TSV keeps it. Line endings are CRLF as in the published zip.
        const string Header = "gold_label\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\tcaptionID\tpairID\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5";
        var content = string.Join("\r\n",
            Header,
            "contradiction\t( x )\t( y )\t(ROOT)\t(ROOT)\tTwo women are embracing while holding to go packages.\t\"The men are fighting outside a deli.\t4705552913.jpg#2\t4705552913.jpg#2r1c\tcontradiction\tcontradiction\tcontradiction\tcontradiction\tcontradiction",
            "entailment\t( x )\t( y )\t(ROOT)\t(ROOT)\tTwo women are embracing while holding to go packages.\tTwo woman are holding packages.\t4705552913.jpg#2\t4705552913.jpg#2r1e\tentailment\tentailment\tentailment\tentailment\tentailment") + "\r\n";
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "snli_1.0_test.txt", content);

        Assert.Equal(
            [
                ("4705552913.jpg#2r1c", "\"The men are fighting outside a deli.", (bool?)true, "contradiction"),
                ("4705552913.jpg#2r1e", "Two woman are holding packages.", false, "entailment"),
            ],
            pairs.Select(p => (p.PairId, p.Text2, p.Label, p.Type)));
        Assert.Equal("tsv", summary.Mapping!.Format);
        Assert.Equal(0, summary.BadRows);
    }

    [Fact]
    public async Task MultiNli_keeps_genre_as_the_slice()
    {
        // multinli_1.0_dev_matched.jsonl layout: genre, gold_label, pairID, promptID, sentence1, sentence2 (+ parses).
        var content = string.Join("\n",
            """{"annotator_labels": ["neutral"], "genre": "government", "gold_label": "neutral", "pairID": "31193n", "promptID": "31193", "sentence1": "Conceptually cream skimming has two basic dimensions - product and geography.", "sentence2": "Product and geography are what make cream skimming work. "}""",
            """{"annotator_labels": ["entailment"], "genre": "telephone", "gold_label": "entailment", "pairID": "101457e", "promptID": "101457", "sentence1": "you know during the season and i guess at at your level uh you lose them to the next level", "sentence2": "You lose the things to the following level if the people recall."}""",
            """{"annotator_labels": ["contradiction"], "genre": "fiction", "gold_label": "contradiction", "pairID": "134793c", "promptID": "134793", "sentence1": "One of our number will carry out your instructions minutely.", "sentence2": "We have no one free at the moment so you have to take action yourself."}""") + "\n";
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "multinli_1.0_dev_matched.jsonl", content);

        Assert.Equal(
            [("31193n", "government", (bool?)false), ("101457e", "telephone", false), ("134793c", "fiction", true)],
            pairs.Select(p => (p.PairId, p.Slice!, p.Label)));
        Assert.Equal("genre", summary.Mapping!.SliceColumn);
    }

    [Fact]
    public async Task Anli_letters_read_as_nli_labels_with_uid_as_id()
    {
        // ANLI R1 test.jsonl: uid, premise, hypothesis, label e/n/c, reason.
        var content = string.Join("\n",
            """{"uid": "a", "premise": "Idris Sultan (born January 1990) is a Tanzanian Actor and comedian.", "hypothesis": "Idris Sultan was born in the first month of the year preceding 1991.", "label": "e", "reason": ""}""",
            """{"uid": "b", "premise": "Idris Sultan (born January 1990) is a Tanzanian Actor and comedian.", "hypothesis": "Idris Sultan is a Tanzanian singer.", "label": "n", "reason": ""}""",
            """{"uid": "c", "premise": "Idris Sultan (born January 1990) is a Tanzanian Actor and comedian.", "hypothesis": "Idris Sultan was born in 1991.", "label": "c", "reason": "born 1990"}""",
            """{"uid": "d", "premise": "x", "hypothesis": "y", "label": "maybe", "reason": ""}""") + "\n";
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "test.jsonl", content);

        Assert.Equal([("a", (bool?)false, "entailment"), ("b", false, "neutral"), ("c", true, "contradiction")], pairs.Select(p => (p.PairId, p.Label, p.Type)));
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(
            new DatasetProblem(4, "d", DatasetProblemKind.UnknownLabel,
                "label 'maybe' is not one of entailment, neutral, contradiction, e, n, c, or an id 0 entailment, 1 neutral, 2 contradiction; '-', -1 or empty for no gold label"),
            problem);
        Assert.Equal(("nli", "uid", (string?)null), (summary.Mapping!.Layout, summary.Mapping.IdColumn, summary.Mapping.LabelNote));
        Assert.Equal(["c"], summary.Mapping.PositiveLabels);
    }

    [Fact]
    public async Task A_hugging_face_csv_export_reads_ids_by_the_convention_says_so_and_counts_minus_one_as_no_gold()
    {
        // `datasets.load_dataset("snli")["test"].to_csv(...)`: premise, hypothesis, label with 0 entailment, 1 neutral,
        // 2 contradiction and -1 where SNLI has "-". No id column: ids come from the lines.
        var content = string.Join("\n",
            "premise,hypothesis,label",
            "This church choir sings to the masses as they sing joyous songs from the book at a church.,The church has cracks in the ceiling.,1",
            "This church choir sings to the masses as they sing joyous songs from the book at a church.,The church is filled with song.,0",
            "This church choir sings to the masses as they sing joyous songs from the book at a church.,A choir singing at a baseball game.,2",
            "\"A woman with a green headscarf, blue shirt and a very big grin.\",The woman is young.,-1") + "\n";
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "snli_test.csv", content);

        Assert.Equal(
            [("line2", (bool?)false, "neutral"), ("line3", false, "entailment"), ("line4", true, "contradiction")],
            pairs.Select(p => (p.PairId, p.Label, p.Type)));
        Assert.Equal(1L, summary.NoGoldRows);
        Assert.Equal([5L], summary.NoGoldLines);
        Assert.Equal(
            "label ids read by the Hugging Face convention 0 entailment, 1 neutral, 2 contradiction (the file carries no ClassLabel names)",
            summary.Mapping!.LabelNote);
        Assert.Equal(["2"], summary.Mapping.PositiveLabels);
        Assert.Null(summary.Mapping.IdColumn);
    }

    [Fact]
    public async Task Fever_and_vitaminc_read_evidence_as_text1_claim_as_text2_and_refutes_as_contradiction()
    {
        // VitaminC (tals/vitaminc) JSON Lines: unique_id, case_id, label, claim, evidence.
        var content = string.Join("\n",
            """{"unique_id": "v1", "case_id": "c1", "label": "SUPPORTS", "claim": "Westlife sold more than 1 m. video albums.", "evidence": "Westlife: According to the group's official website, they have sold over 1.3 million video albums."}""",
            """{"unique_id": "v2", "case_id": "c1", "label": "REFUTES", "claim": "Westlife sold more than 1 m. video albums.", "evidence": "Westlife: According to the group's official website, they have sold over 0.8 million video albums."}""",
            """{"unique_id": "v3", "case_id": "c2", "label": "NOT ENOUGH INFO", "claim": "The film grossed $1 billion.", "evidence": "The film premiered in May."}""") + "\n";
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "vitaminc_dev.jsonl", content);

        Assert.Equal(
            [("v1", (bool?)false, "SUPPORTS"), ("v2", true, "REFUTES"), ("v3", false, "NOT ENOUGH INFO")],
            pairs.Select(p => (p.PairId, p.Label, p.Type)));
        Assert.StartsWith("Westlife: According", pairs[0].Text1, StringComparison.Ordinal);
        Assert.Equal("Westlife sold more than 1 m. video albums.", pairs[0].Text2);
        Assert.Equal(("fever", "evidence", "claim", "unique_id"), (summary.Mapping!.Layout, summary.Mapping.Text1Column, summary.Mapping.Text2Column, summary.Mapping.IdColumn));
    }

    [Fact]
    public async Task A_pairs_label_column_holding_nli_ids_is_refused_whole_with_the_values_found_and_the_option()
    {
        // A Hugging Face file renamed to the pairs columns: read as true/false, 1 (neutral) would count as contradiction
        // and every 2 (the real contradictions) would be a bad row.
        var content = "pair_id,text1,text2,label\np1,a,b,0\np2,c,d,1\np3,e,f,2\np4,g,h,-1\np5,i,j,1\n";
        using var dir = new TempDirectory();
        var path = dir.File("renamed.csv");
        await File.WriteAllTextAsync(path, content);

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => DatasetTestFiles.ReadAllAsync(path));

        Assert.Equal(4, ex.Line);
        Assert.StartsWith($"{path}, line 4: the label column holds -1, 0, 1, 2 (the first '2' here), not only True/False/1/0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--positive-label 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_file_mapped_with_positive_label_2_reads_1_as_not_contradiction()
    {
        var content = "pair_id,text1,text2,label\np1,a,b,0\np2,c,d,1\np3,e,f,2\np4,g,h,\n";
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(
            dir, "renamed.csv", content, new DatasetReaderOptions { Mapping = new ColumnMapping { PositiveLabels = ["2"] } });

        Assert.Equal(
            [("p1", (bool?)false, "0"), ("p2", false, "1"), ("p3", true, "2"), ("p4", null, "unknown")],
            pairs.Select(p => (p.PairId, p.Label, p.Type)));
        Assert.Equal(["2"], summary.Mapping!.PositiveLabels);
    }

    [Fact]
    public async Task Any_layout_by_mapping_with_ids_from_lines_and_several_positive_values()
    {
        var content = "s1\ts2\tgold\tnote\nA cat sleeps.\tA cat runs.\tCONTRA\tx\nA dog eats.\tAn animal eats.\tentail\ty\nSun is up.\tIt is night.\tcontradicts\tz\nA.\tB.\t\tq\n";
        using var dir = new TempDirectory();
        var mapping = new ColumnMapping { Text1Column = "s1", Text2Column = "s2", LabelColumn = "gold", PositiveLabels = ColumnMapping.SplitLabels("contra, contradicts") };
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "custom.tsv", content, new DatasetReaderOptions { Mapping = mapping });

        Assert.Equal(
            [("line2", (bool?)true, "CONTRA"), ("line3", false, "entail"), ("line4", true, "contradicts"), ("line5", null, "unknown")],
            pairs.Select(p => (p.PairId, p.Label, p.Type)));
        Assert.Equal("text1 = s1, text2 = s2, label = gold (contradiction = contra or contradicts), ids from line numbers", summary.Mapping!.Describe());
    }

    [Fact]
    public async Task A_mapped_column_missing_from_the_header_names_it_and_the_columns()
    {
        using var dir = new TempDirectory();
        var path = dir.File("x.csv");
        await File.WriteAllTextAsync(path, "a,b\n1,2\n");

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => DatasetTestFiles.ReadAllAsync(
            path, new DatasetReaderOptions { Mapping = new ColumnMapping { Text1Column = "a", Text2Column = "premise" } }));

        Assert.Equal($"{path}, line 1: --text2-column names column 'premise', which the header does not have; its columns are a, b", ex.Message);
    }

    [Theory]
    [InlineData("data.csv", "PAR1", "the file is Parquet (it starts with PAR1), not csv as its name says; name it .parquet or pass --format parquet")]
    [InlineData("data.tsv", "{\"premise\": \"x\"}\n", "the file starts with '{', JSON, not tsv as its name says; name it .jsonl or pass --format jsonl")]
    [InlineData("data.parquet", "premise,hypothesis,label\n", "its name says Parquet, but the file does not start with PAR1; it looks like text (.csv, .tsv)")]
    [InlineData("data.csv.gz", "premise,hypothesis,label\n", "the name ends in .gz but the file is not gzip-compressed; remove the .gz from its name")]
    [InlineData("data.tsv", "premise,hypothesis,label\nx,y,0\n", "the header has commas and no tab: the file is comma-separated, not TSV; name it .csv or pass --format csv")]
    [InlineData("data.csv", "premise\thypothesis\tlabel\nx\ty\t0\n", "the header has tabs and no comma: the file is tab-separated, not CSV; name it .tsv or pass --format tsv")]
    public async Task A_file_whose_content_contradicts_its_name_fails_saying_what_it_is(string name, string content, string detail)
    {
        using var dir = new TempDirectory();
        var path = dir.File(name);
        await File.WriteAllTextAsync(path, content);

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => DatasetTestFiles.ReadAllAsync(path));

        Assert.Equal(detail, ex.Detail);
        Assert.Equal(path, ex.FileName);
    }

    [Fact]
    public async Task Format_overrides_the_extension()
    {
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(
            dir, "export.data", "premise\thypothesis\tlabel\nx\ty\t2\n", new DatasetReaderOptions { Format = DatasetFormat.Tsv });

        Assert.Equal([("line2", (bool?)true)], pairs.Select(p => (p.PairId, p.Label)));
        Assert.Equal("tsv", summary.Mapping!.Format);
    }

    [Fact]
    public async Task A_gzip_json_lines_file_read_from_a_forward_only_stream_gives_the_same_pairs_as_the_plain_file()
    {
        using var dir = new TempDirectory();
        var (plain, _) = await DatasetTestFiles.ReadTextAsync(dir, "snli.jsonl", SnliJsonl);
        var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(SnliJsonl));
        }

        compressed.Position = 0;
        await using var reader = await DatasetReader.OpenAsync(new NonSeekableStream(compressed), "uploads/snli.jsonl.gz");
        var pairs = new List<BenchmarkPair>();
        await foreach (var pair in reader.ReadPairsAsync())
        {
            pairs.Add(pair);
        }

        Assert.Equal(plain, pairs);
        Assert.Equal(("jsonl+gzip", 1L), (reader.Summary.Mapping!.Format, reader.Summary.NoGoldRows));
    }

    [Fact]
    public async Task A_json_lines_line_that_is_not_an_object_is_a_bad_row_and_a_json_array_file_is_refused()
    {
        var content = """
            {"premise": "a", "hypothesis": "b", "label": 0}
            [1, 2]
            {"premise": "c", "hypothesis": "d", "label": 2
            {"premise": "e", "hypothesis": "f", "label": 2}
            """ + "\n";
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "x.jsonl", content);

        Assert.Equal(["line1", "line4"], pairs.Select(p => p.PairId));
        Assert.Equal(
            [(2L, DatasetProblemKind.UnreadableRecord), (3L, DatasetProblemKind.UnreadableRecord)],
            summary.Problems.Select(p => (p.Line, p.Kind)));
        Assert.StartsWith("the line is a JSON array, not an object", summary.Problems[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("the line is not valid JSON", summary.Problems[1].Reason, StringComparison.Ordinal);

        var path = dir.File("array.json");
        await File.WriteAllTextAsync(path, "[\n  {\"premise\": \"a\", \"hypothesis\": \"b\", \"label\": 0}\n]\n");
        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => DatasetTestFiles.ReadAllAsync(path));
        Assert.StartsWith("the first line is a JSON array, not an object", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lines_values_of_every_json_type_become_fields_and_missing_properties_are_empty()
    {
        var content = """
            {"pair_id": 7, "text1": "a", "text2": "b", "label": true, "type": null}
            {"text1": "c", "text2": "d", "label": false, "pair_id": "x", "extra": [1, {"k": 2}]}
            {"pair_id": 9, "text2": "f", "label": 1}
            """ + "\n";
        using var dir = new TempDirectory();
        var (pairs, summary) = await DatasetTestFiles.ReadTextAsync(dir, "typed.jsonl", content);

        Assert.Equal([("7", (bool?)true, "contradiction"), ("x", false, "neutral")], pairs.Select(p => (p.PairId, p.Label, p.Type)));
        Assert.Equal(new DatasetProblem(3, "9", DatasetProblemKind.MissingText, "text1 is empty"), Assert.Single(summary.Problems));
    }

    /// <summary>A blob's download stream: it cannot seek.</summary>
    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
