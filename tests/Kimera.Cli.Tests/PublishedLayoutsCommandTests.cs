using System.Text.Json;
using System.Text.Json.Nodes;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera validate</c> and <c>kimera run</c> on benchmark files as they are published (issue 22): the format and
/// layout they print, the mapping options (<c>--format</c>, <c>--text1-column</c>, …, <c>--positive-label</c>), the rows
/// without a gold label, and what a run writes from an SNLI JSON Lines file. Files written here from the formats' public
/// descriptions.</summary>
[Trait("Category", "Process")]
public sealed class PublishedLayoutsCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    /// <summary>SNLI 1.0 as JSON Lines (the fields of snli_1.0_test.jsonl, parses left out): 10 rows, the 7th with gold label
    /// '-' (annotators disagreed); of the 9 others 4 are contradiction, 3 entailment, 2 neutral.</summary>
    private static readonly string[] Snli =
    [
        Row("2677109430.jpg#1r1n", "neutral", "This church choir sings to the masses as they sing joyous songs from the book at a church.", "The church has cracks in the ceiling."),
        Row("2677109430.jpg#1r1e", "entailment", "This church choir sings to the masses as they sing joyous songs from the book at a church.", "The church is filled with song."),
        Row("2677109430.jpg#1r1c", "contradiction", "This church choir sings to the masses as they sing joyous songs from the book at a church.", "A choir singing at a baseball game."),
        Row("6160193920.jpg#4r1n", "neutral", "A woman with a green headscarf, blue shirt and a very big grin.", "The woman is young."),
        Row("6160193920.jpg#4r1e", "entailment", "A woman with a green headscarf, blue shirt and a very big grin.", "The woman is very happy."),
        Row("6160193920.jpg#4r1c", "contradiction", "A woman with a green headscarf, blue shirt and a very big grin.", "The woman has been shot."),
        Row("4791890474.jpg#3r1n", "-", "An old man with a package poses in front of an advertisement.", "A man poses in front of an ad for beer."),
        Row("4791890474.jpg#3r1e", "entailment", "An old man with a package poses in front of an advertisement.", "A man poses in front of an ad."),
        Row("4791890474.jpg#3r1c", "contradiction", "An old man with a package poses in front of an advertisement.", "A man walks by an ad."),
        Row("7545410452.jpg#0r1c", "contradiction", "A statue at a museum that no seems to be looking at.", "Tons of people are gathered around the statue."),
    ];

    /// <summary>A Hugging Face NLI export saved as TSV: integer labels 0 entailment, 1 neutral, 2 contradiction, -1 no gold
    /// label (line 6), an <c>idx</c> column, a premise beginning with a double quote (TSV has no quoting).</summary>
    private const string HuggingFaceTsv =
        "idx\tpremise\thypothesis\tlabel\n" +
        "0\t\"Quoted\" start of a premise.\tA hypothesis.\t0\n" +
        "1\tTwo dogs run.\tAnimals move.\t0\n" +
        "2\tTwo dogs run.\tThe dogs sleep.\t2\n" +
        "3\tA man cooks.\tA chef works.\t1\n" +
        "4\tA man cooks.\tNobody cooks.\t-1\n" +
        "5\tKids play.\tKids are indoors.\t2\n";

    [Fact]
    public async Task Validate_prints_the_snli_layout_and_the_row_without_a_gold_label()
    {
        var path = await WriteAsync("snli_1.0_test.jsonl", string.Join("\n", Snli) + "\n");

        var (exit, output, error) = await KimeraProcess.RunAsync("validate", path);

        // 10 lines: line 7 has gold label '-'; of the 9 others 4 are contradiction, 5 not (3 entailment, 2 neutral).
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Equal(
            [
                $"File:      {path}",
                "Shape:     pairs (columns: annotator_labels, captionID, gold_label, pairID, sentence1, sentence2)",
                "Format:    jsonl",
                "Layout:    snli (text1 = sentence1, text2 = sentence2, label = gold_label (contradiction = contradiction), id = pairID)",
                "No gold label: 1 row (line 7)",
                "Rows:      10 read, 9 good, 0 bad",
                "Pairs:     9 (4 contradiction, 5 not contradiction, 0 unlabelled)",
                "Languages: en 9 (rows); en 9 (pairs)",
                "Problems:  0",
            ],
            Lines(output));
    }

    [Fact]
    public async Task Validate_of_a_hugging_face_tsv_states_the_label_convention_and_positive_label_moves_the_contradictions()
    {
        var path = await WriteAsync("mnli_validation.tsv", HuggingFaceTsv);

        var byConvention = await KimeraProcess.RunAsync("validate", path);
        var twoAndOne = await KimeraProcess.RunAsync("validate", path, "--positive-label", "2,1", "--id-column", "idx");

        const string note = "Labels:    label ids read by the Hugging Face convention 0 entailment, 1 neutral, 2 contradiction (the file carries no ClassLabel names)";
        Assert.Equal((0, string.Empty), (byConvention.ExitCode, byConvention.Error));
        Assert.Equal(
            [
                $"File:      {path}",
                "Shape:     pairs (columns: idx, premise, hypothesis, label)",
                "Format:    tsv",
                "Layout:    nli (text1 = premise, text2 = hypothesis, label = label (contradiction = 2), id = idx)",
                note,
                "No gold label: 1 row (line 6)",
                "Rows:      6 read, 5 good, 0 bad",
                "Pairs:     5 (2 contradiction, 3 not contradiction, 0 unlabelled)",
                "Languages: en 5 (rows); en 5 (pairs)",
                "Problems:  0",
            ],
            Lines(byConvention.Out));

        // --positive-label 2,1: neutral (line 5) counts as contradiction too, 3 against 2.
        Assert.Equal((0, string.Empty), (twoAndOne.ExitCode, twoAndOne.Error));
        Assert.Equal(
            [
                $"File:      {path}",
                "Shape:     pairs (columns: idx, premise, hypothesis, label)",
                "Format:    tsv",
                "Layout:    nli (text1 = premise, text2 = hypothesis, label = label (contradiction = 2 or 1), id = idx)",
                note,
                "No gold label: 1 row (line 6)",
                "Rows:      6 read, 5 good, 0 bad",
                "Pairs:     5 (3 contradiction, 2 not contradiction, 0 unlabelled)",
                "Languages: en 5 (rows); en 5 (pairs)",
                "Problems:  0",
            ],
            Lines(twoAndOne.Out));
    }

    [Fact]
    public async Task Validate_reads_any_columns_named_by_the_mapping_options()
    {
        var path = await WriteAsync("claims.csv", "uid,context,statement,verdict\na1,The sky is blue.,The sky is green.,false\na2,Water boils at 100 C.,Water boils.,true\na3,Cats purr.,Cats bark.,false\n");

        var (exit, output, error) = await KimeraProcess.RunAsync(
            "validate", path, "--text1-column", "context", "--text2-column", "statement", "--label-column", "verdict", "--id-column", "uid", "--positive-label", "false");

        Assert.Equal((0, string.Empty), (exit, error));
        Assert.Equal(
            [
                $"File:      {path}",
                "Shape:     pairs (columns: uid, context, statement, verdict)",
                "Format:    csv",
                "Layout:    mapped (text1 = context, text2 = statement, label = verdict (contradiction = false), id = uid)",
                "Rows:      3 read, 3 good, 0 bad",
                "Pairs:     3 (2 contradiction, 1 not contradiction, 0 unlabelled)",
                "Languages: en 3 (rows); en 3 (pairs)",
                "Problems:  0",
            ],
            Lines(output));
    }

    [Fact]
    public async Task A_bad_format_a_missing_mapped_column_and_a_contradicting_format_exit_2_with_the_message()
    {
        var csv = await WriteAsync("claims.csv", "uid,context,statement,verdict\na1,The sky is blue.,The sky is green.,false\n");
        var jsonl = await WriteAsync("snli.jsonl", Snli[0] + "\n");

        var format = await KimeraProcess.RunAsync("validate", csv, "--format", "xlsx");
        var column = await KimeraProcess.RunAsync("validate", csv, "--text1-column", "nope", "--text2-column", "statement");
        var contradicted = await KimeraProcess.RunAsync("validate", jsonl, "--format", "csv");
        var runFormat = await KimeraProcess.RunAsync(new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null }, "run", csv, "--format", "xlsx", "--out", _temp.File("run"));
        var configured = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null, ["Kimera__Run__Format"] = "xlsx" }, "run", csv, "--out", _temp.File("run2"));

        Assert.Equal((2, string.Empty, "kimera validate: --format must be one of csv, tsv, jsonl, parquet (got 'xlsx')."), (format.ExitCode, format.Out, format.Error.TrimEnd('\n')));
        Assert.Equal(
            (2, string.Empty, $"kimera validate: {csv}, line 1: --text1-column names column 'nope', which the header does not have; its columns are uid, context, statement, verdict"),
            (column.ExitCode, column.Out, column.Error.TrimEnd('\n')));
        Assert.Equal(
            (2, $"kimera validate: {jsonl}, line 1: the file starts with '{{', JSON, not csv as --format csv says; name it .jsonl or pass --format jsonl"),
            (contradicted.ExitCode, contradicted.Error.TrimEnd('\n')));
        Assert.Equal((2, "kimera run: --format must be one of csv, tsv, jsonl, parquet (got 'xlsx')."), (runFormat.ExitCode, runFormat.Error.TrimEnd('\n')));
        Assert.Equal((2, "kimera run: Kimera:Run:Format must be one of csv, tsv, jsonl, parquet (got 'xlsx')."), (configured.ExitCode, configured.Error.TrimEnd('\n')));
    }

    [Fact]
    public async Task A_run_on_snli_json_lines_plans_the_gold_labelled_pairs_with_their_ids_labels_and_types()
    {
        var path = await WriteAsync("snli_1.0_test.jsonl", string.Join("\n", Snli) + "\n");
        var run = _temp.File("run");

        var (exit, output, error) = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null },
            "run", path, "--out", run, "--max-pairs", "9", "--judges", "kimera", "--no-cache", "--chunk-size", "4", "--bootstrap-resamples", "0");

        Assert.True(exit == 0, error);
        var rows = CsvRows.Read(Path.Combine(run, "pairs.csv"));
        // Every line but the 7th ('-': not planned, not judged), in file order; contradiction is the positive class.
        Assert.Equal(
            [
                ("2677109430.jpg#1r1n", "false", "neutral"),
                ("2677109430.jpg#1r1e", "false", "entailment"),
                ("2677109430.jpg#1r1c", "true", "contradiction"),
                ("6160193920.jpg#4r1n", "false", "neutral"),
                ("6160193920.jpg#4r1e", "false", "entailment"),
                ("6160193920.jpg#4r1c", "true", "contradiction"),
                ("4791890474.jpg#3r1e", "false", "entailment"),
                ("4791890474.jpg#3r1c", "true", "contradiction"),
                ("7545410452.jpg#0r1c", "true", "contradiction"),
            ],
            rows.Select(r => (r["pair_id"], r["label"], r["type"])));
        Assert.Equal("A man walks by an ad.", rows[7]["text2"]);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, "report.json")));
        var dataset = report.RootElement.GetProperty("dataset");
        Assert.Equal(
            (10, 9, 0, 1, "7", "line", "jsonl", "snli", "pairID"),
            (dataset.GetProperty("rows_read").GetInt32(), dataset.GetProperty("pairs_built").GetInt32(), dataset.GetProperty("bad_rows").GetInt32(),
                dataset.GetProperty("no_gold_rows").GetInt32(), string.Join(",", dataset.GetProperty("no_gold_lines").EnumerateArray().Select(l => l.GetInt64())), dataset.GetProperty("record_unit").GetString(),
                dataset.GetProperty("mapping").GetProperty("format").GetString(), dataset.GetProperty("mapping").GetProperty("layout").GetString(),
                dataset.GetProperty("mapping").GetProperty("id_column").GetString()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(dataset.GetRawText()), JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(run, "dataset.json")))));

        var summary = Lines(output);
        Assert.Equal($"{path}: pairs, 9 pairs (9 labelled), 0 bad rows", summary[0]);
        Assert.Equal("read as jsonl, snli layout: text1 = sentence1, text2 = sentence2, label = gold_label (contradiction = contradiction), id = pairID", summary[1]);
        Assert.Equal("1 row without a gold label (line 7)", summary[2]);
    }

    public void Dispose() => _temp.Dispose();

    private static string Row(string pairId, string gold, string sentence1, string sentence2) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["annotator_labels"] = new[] { gold == "-" ? "neutral" : gold },
        ["captionID"] = pairId[..pairId.IndexOf('r', StringComparison.Ordinal)],
        ["gold_label"] = gold,
        ["pairID"] = pairId,
        ["sentence1"] = sentence1,
        ["sentence2"] = sentence2,
    });

    private static string[] Lines(string text) => text.Replace("\r", string.Empty, StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = _temp.File(name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
