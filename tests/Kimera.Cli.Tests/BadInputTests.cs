using System.Text;
using System.Text.Json;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

/// <summary>
/// Bad arguments and bad input files through the real <c>kimera</c> process (issue 12 items 7, 8, 9, 13, 14, 15): each
/// exits with the documented code and one message that starts with <c>kimera &lt;command&gt;:</c> and names the option,
/// file, line or column at fault.
/// </summary>
[Trait("Category", "Process")]
public sealed class BadInputTests : IDisposable
{
    private static readonly Dictionary<string, string?> WithoutKey = new() { ["OPENAI_API_KEY"] = null, ["KIMERA_STORAGE"] = null };
    private readonly TempDirectory _temp = new();

    private static string Sample => RepoPaths.Samples("sample_pairs.csv");

    // ---- item 13: unknown options are errors, with the closest known option suggested ----

    [Theory]
    [InlineData("run", "--max-pair", "5", "kimera run: unknown option '--max-pair'; did you mean '--max-pairs'?")]
    [InlineData("run", "--chunksize", "5", "kimera run: unknown option '--chunksize'; did you mean '--chunk-size'?")]
    [InlineData("analyze", "--jsn", null, "kimera analyze: unknown option '--jsn'; did you mean '--json'?")]
    [InlineData("embed", "--inptu", "in.txt", "kimera embed: unknown option '--inptu'; did you mean '--input'?")]
    [InlineData("validate", "--bogus", null, "kimera validate: unknown option '--bogus'; known options: --max-text-length, --seed, --format, --text1-column, --text2-column, --label-column, --id-column, --positive-label, -h|--help")]
    public async Task An_unknown_option_exits_2_and_names_the_closest_known_one(string command, string option, string? value, string expected)
    {
        // A real input for every command, so that only the option can be wrong (embed reads the sample as text lines).
        var input = command == "analyze" ? await WriteAsync("results.csv", "label,kimera_pred,kimera_score\n1,true,0.9\n") : Sample;
        string[] args = command switch
        {
            "embed" => ["embed", "--input", input, "--output", _temp.File("out.jsonl"), option, .. Value(value)],
            "run" => ["run", input, "--out", _temp.File("run"), "--no-cache", "--judges", "kimera", option, .. Value(value)],
            _ => [command, input, option, .. Value(value)],
        };

        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, args);

        Assert.Equal(2, exit);
        Assert.Equal(expected, error.TrimEnd());
        Assert.False(File.Exists(_temp.File("run/pairs.csv")));
        Assert.False(File.Exists(_temp.File("out.jsonl")));
    }

    // ---- item 14: exit 2 for every bad argument, naming the option, with the kimera <command>: prefix ----

    [Fact]
    public async Task A_value_that_is_not_a_number_names_the_option()
    {
        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, "run", Sample, "--out", _temp.File("run"), "--chunk-size", "abc");

        Assert.Equal(2, exit);
        Assert.Equal("kimera run: --chunk-size: 'abc' is not a whole number.", error.TrimEnd());
    }

    [Fact]
    public async Task Max_text_length_zero_is_a_bad_argument_for_run()
    {
        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, "run", Sample, "--out", _temp.File("run"), "--no-cache", "--max-text-length", "0");

        Assert.Equal(2, exit);
        Assert.Equal("kimera run: --max-text-length must be at least 1 (got 0).", error.TrimEnd());
    }

    [Fact]
    public async Task Out_naming_an_existing_file_is_a_bad_argument()
    {
        var file = await WriteAsync("taken.txt", "not a folder\n");

        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, "run", Sample, "--out", file, "--no-cache");

        Assert.Equal(2, exit);
        Assert.Equal($"kimera run: --out '{file}' is a file; give a folder for the run.", error.TrimEnd());
        Assert.Equal("not a folder\n", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Cache_naming_a_folder_is_a_bad_argument()
    {
        var folder = Directory.CreateDirectory(_temp.File("cachedir")).FullName;

        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, "run", Sample, "--out", _temp.File("run"), "--cache", folder, "--judges", "kimera");

        Assert.Equal(2, exit);
        Assert.Equal($"kimera run: --cache '{folder}' is a folder; give the path of the SQLite file, e.g. '{Path.Combine(folder, "cache.db")}'.", error.TrimEnd());
    }

    [Theory]
    [InlineData("--llm-endpoint", "localhost:11434/v1", "--llm-endpoint 'localhost:11434/v1' is not an absolute http(s) URL such as https://api.openai.com/v1/.")]
    [InlineData("--llm-endpoint", "api.openai.com/v1", "--llm-endpoint 'api.openai.com/v1' is not an absolute http(s) URL such as https://api.openai.com/v1/.")]
    [InlineData("--llm-model", " ", "--llm-model must not be empty.")]
    [InlineData("--llm-rpm", "0", "--llm-rpm must be between 2 and 10000000 (got 0).")]
    [InlineData("--budget-usd", "-1", "--budget-usd must be an amount of US dollars, 0 or more (got -1).")]
    [InlineData("--parallelism", "0", "--parallelism must be between 1 and 1024 (got 0).")]
    [InlineData("--sample", "0", "--sample must be at least 1 (got 0).")]
    [InlineData("--bootstrap", "-1", "--bootstrap must be between 0 and 1000000 (got -1).")]
    [InlineData("--bootstrap-resamples", "-1", "--bootstrap-resamples must be between 0 and 1000000 (got -1).")]
    public async Task A_bad_llm_or_numeric_value_exits_2_naming_the_option(string option, string value, string expected)
    {
        // With a key set, so that the LLM judge would run: the value is refused before anything is read or asked.
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test-bad-args", ["KIMERA_STORAGE"] = null };

        var (exit, _, error) = await KimeraProcess.RunAsync(environment, "run", Sample, "--out", _temp.File("run"), "--no-cache", option, value);

        Assert.Equal(2, exit);
        Assert.Equal("kimera run: " + expected, error.TrimEnd());
        Assert.False(Directory.Exists(_temp.File("run")));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    [InlineData("analyze")]
    public async Task A_directory_given_as_the_input_is_named_a_directory(string command)
    {
        var folder = Directory.CreateDirectory(_temp.File("data.csv")).FullName;
        string[] args = command == "run" ? ["run", folder, "--out", _temp.File("run"), "--no-cache"] : [command, folder];

        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, args);

        Assert.Equal(2, exit);
        Assert.Equal($"kimera {command}: '{folder}' is a directory, not a file.", error.TrimEnd());
    }

    [Fact]
    public async Task Embed_input_that_is_a_directory_is_named_a_directory()
    {
        var folder = Directory.CreateDirectory(_temp.File("texts")).FullName;

        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, "embed", "--input", folder);

        Assert.Equal(2, exit);
        Assert.Equal($"kimera embed: '{folder}' is a directory, not a file.", error.TrimEnd());
    }

    [Fact]
    public async Task A_validation_error_of_spectre_settings_has_the_command_prefix()
    {
        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, "analyze", Sample, "--folds", "1");

        Assert.Equal(2, exit);
        Assert.Equal("kimera analyze: --folds must be between 2 and 100 (got 1).", error.TrimEnd());
    }

    // ---- item 8: duplicated header names are an error naming the column ----

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public async Task A_dataset_with_label_twice_exits_2_naming_the_column(string command)
    {
        var file = await WriteAsync("dup.csv", "pair_id,text1,text2,label,lang,type,label\np1,Snow is white,Snow is black,1,en,x,0\n");
        string[] args = command == "run" ? ["run", file, "--out", _temp.File("run"), "--no-cache", "--judges", "kimera"] : ["validate", file];

        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, args);

        Assert.Equal(2, exit);
        Assert.Equal($"kimera {command}: {file}, line 1: the header names column 'label' twice (columns 4 and 7); keep one of them.", error.TrimEnd());
    }

    [Theory]
    [InlineData("label,kimera_pred,kimera_score,kimera_pred\n1,true,0.9,false\n", "kimera_pred", 2, 4)]
    [InlineData("label,kimera_pred,kimera_score,LABEL\n1,true,0.9,0\n", "label", 1, 4)]
    public async Task Analyze_on_a_table_with_a_column_twice_exits_2_naming_it(string content, string column, int first, int second)
    {
        var file = await WriteAsync("results.csv", content);

        var (exit, _, error) = await KimeraProcess.RunAsync("analyze", file, "--json");

        Assert.Equal(2, exit);
        Assert.Equal($"kimera analyze: {file}: line 1: the header names column '{column}' twice (columns {first} and {second}); keep one of them.", error.TrimEnd());
    }

    // ---- item 9: analyze and embed reject input that is not UTF-8, with line and byte offset ----

    [Fact]
    public async Task Analyze_rejects_a_latin1_table_with_the_line_and_byte_offset()
    {
        // "label,kimera_pred,kimera_score,text1\n" is 37 bytes, "1,true,0.9,ok\n" 14: 'caf' starts line 3 at 51 + "0,false,0.1," 12 + 3 = 66.
        var file = _temp.File("latin1.csv");
        await File.WriteAllBytesAsync(file, Encoding.Latin1.GetBytes("label,kimera_pred,kimera_score,text1\n1,true,0.9,ok\n0,false,0.1,caf\u00e9\n"));

        var (exit, output, error) = await KimeraProcess.RunAsync("analyze", file, "--json");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"kimera analyze: {file}, line 3: the file is not valid UTF-8 (invalid byte 0xE9 at byte offset 66); save it as UTF-8", error.TrimEnd());
    }

    [Fact]
    public async Task Embed_rejects_a_latin1_input_with_the_line_and_byte_offset()
    {
        // "hello\n" is 6 bytes; 'caf' 3 more: the é (0xE9) of line 2 is at offset 9.
        var file = _temp.File("latin1.txt");
        var output = _temp.File("out.jsonl");
        await File.WriteAllBytesAsync(file, Encoding.Latin1.GetBytes("hello\ncaf\u00e9\n"));

        var (exit, _, error) = await KimeraProcess.RunAsync("embed", "--input", file, "--output", output);

        Assert.Equal(2, exit);
        Assert.Equal($"kimera embed: {file}, line 2: the file is not valid UTF-8 (invalid byte 0xE9 at byte offset 9); save it as UTF-8", error.TrimEnd());
    }

    // ---- item 15: no metric leaves [0, 1] ----

    [Fact]
    public async Task Analyze_on_an_all_positive_table_keeps_every_metric_within_zero_and_one()
    {
        // 9 positives with 9 distinct scores: AP is the sum of nine steps of recall 1/9 at precision 1, exactly 1.
        // Adding 1/9 nine times in floating point gives 1.0000000000000002, the value the issue reported.
        var rows = string.Concat(Enumerable.Range(1, 9).Select(i => $"1,true,0.{i}\n"));
        var file = await WriteAsync("positives.csv", "label,kimera_pred,kimera_score\n" + rows);

        var (exit, output, error) = await KimeraProcess.RunAsync("analyze", file, "--json", "--bootstrap", "200");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var kimera = json.RootElement.GetProperty("judges").GetProperty("kimera");
        Assert.Equal(1.0, kimera.GetProperty("average_precision").GetDouble());
        string[] metrics = ["accuracy", "precision", "recall", "f1", "macro_f1", "auroc", "average_precision", "positive_rate"];
        foreach (var metric in metrics.Select(m => kimera.GetProperty(m)).Where(v => v.ValueKind == JsonValueKind.Number))
        {
            Assert.InRange(metric.GetDouble(), 0.0, 1.0);
        }

        foreach (var interval in kimera.GetProperty("ci").EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
        {
            foreach (var bound in interval.Value.EnumerateArray())
            {
                Assert.InRange(bound.GetDouble(), 0.0, 1.0);
            }
        }
    }

    // ---- item 7: one bad quote costs one row, whatever the file size ----

    [Fact]
    public async Task An_unclosed_quote_on_line_2_of_a_20_MB_file_costs_one_row()
    {
        // Line 2 opens a quote nothing closes; 200,000 good rows of about 100 bytes follow (more than the 16 MiB record
        // bound of the reader, which used to reject the whole file). Written here, never committed.
        var file = _temp.File("big.csv");
        const int goodRows = 200_000;
        await using (var writer = new StreamWriter(file, append: false, new UTF8Encoding(false)))
        {
            await writer.WriteAsync("pair_id,text1,text2,label,lang,type\n");
            await writer.WriteAsync("bad,\"This quote is never closed,Other text,1,en,contradiction\n");
            for (var i = 0; i < goodRows; i++)
            {
                await writer.WriteAsync($"p{i},The first statement number {i} is quite long,The second statement {i} is long too,0,en,neutral\n");
            }
        }

        Assert.True(new FileInfo(file).Length > 20_000_000);

        var (exit, output, error) = await KimeraProcess.RunAsync("validate", file);

        Assert.True(exit == 1, error);
        Assert.Equal(string.Empty, error);
        Assert.Contains($"Rows:      {goodRows + 1} read, {goodRows} good, 1 bad", output, StringComparison.Ordinal);
        Assert.Contains(
            "Problems:  1\n  line 2 (id bad): broken quoting: a quoted field that is never closed (the record ran past 16,777,216 bytes; the lines after line 2 were read again as rows)",
            output.Replace("\r", string.Empty, StringComparison.Ordinal),
            StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private static string[] Value(string? value) => value is null ? [] : [value];

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = _temp.File(name);
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(false));
        return path;
    }
}
