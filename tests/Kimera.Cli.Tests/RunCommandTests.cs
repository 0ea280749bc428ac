using System.Text.Json;
using Kimera.TestSupport;
using Kimera.TestSupport.Datasets;
using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera run</c> as a user runs it: the built program in its own process.</summary>
[Trait("Category", "Process")]
public sealed class RunCommandTests : IDisposable
{
    private const string SecretKey = "sk-test-NEVER-PRINT-THIS-3141";
    private readonly TempDirectory _temp = new();

    private static Dictionary<string, string?> WithoutKey => new() { ["OPENAI_API_KEY"] = null };

    [Fact]
    public async Task Run_on_the_shipped_sample_writes_pairs_report_and_summary()
    {
        var (exit, output, error) = await KimeraProcess.RunAsync(
            WithoutKey, "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache", "--bootstrap", "200");

        Assert.True(exit == 0, error);
        Assert.Contains("LLM judge is skipped", error, StringComparison.Ordinal);

        // Not a terminal: plain progress lines, the last one complete.
        Assert.Contains("progress: 50/50 pairs, 1/1 chunks", error, StringComparison.Ordinal);
        Assert.Contains("kimera", output, StringComparison.Ordinal);
        Assert.Contains("accuracy", output, StringComparison.Ordinal);
        var rows = CsvRows.Read(_temp.File("run/pairs.csv"));
        Assert.Equal(50, rows.Count);
        Assert.DoesNotContain("llm_pred", rows[0].Keys);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("run/report.json")));
        Assert.Equal(50, report.RootElement.GetProperty("statistics").GetProperty("labelled").GetInt32());
    }

    [Fact]
    public async Task A_sample_above_the_dataset_and_bad_rows_over_one_percent_are_said_in_the_summary_and_the_reports()
    {
        // BadRowsDataset.FourOfFifty: 50 rows, bad on lines 5, 12, 27 and 41 (8%), so 46 pairs; --sample 1000 takes all 46.
        var file = _temp.File("bad_rows.csv");
        await File.WriteAllTextAsync(file, BadRowsDataset.FourOfFifty());

        var (exit, output, error) = await KimeraProcess.RunAsync(
            WithoutKey, "run", file, "--sample", "1000", "--out", _temp.File("run"), "--no-cache", "--bootstrap", "0");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var notice = lines.IndexOf("--sample 1000 asked for more pairs than the dataset has (46): all 46 are judged");
        var badRows = lines.IndexOf("4 bad rows of 50 read (8.0%), by kind: MissingText 3, FieldCount 1");
        var table = lines.FindIndex(l => l.StartsWith("judge ", StringComparison.Ordinal));
        Assert.True(notice > 0 && badRows > notice && table > badRows, output);
        Assert.Equal(
            [
                "  line 5 (id p4): text2 is empty",
                "  line 12 (id p11): the row has 5 fields, the header has 4 (an unquoted comma in a text?)",
                "  line 27 (id p26): text1 is empty",
                "  and 1 more bad row: every one in report.html (Dataset) and report.json (dataset.problems)",
            ],
            lines.Skip(badRows + 1).Take(4));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("run/report.json")));
        var sample = report.RootElement.GetProperty("dataset").GetProperty("sample");
        Assert.Equal((1000, 46), (sample.GetProperty("asked").GetInt32(), sample.GetProperty("taken").GetInt32()));
        var html = await File.ReadAllTextAsync(_temp.File("run/report.html"));
        Assert.InRange(html.IndexOf("<section id=\"bad-rows\"", StringComparison.Ordinal), 0, html.IndexOf("<section id=\"metrics\">", StringComparison.Ordinal));
        Assert.Contains("<tr><th scope=\"row\">sample</th><td>1,000 asked for more pairs than the dataset has (46): all 46 are judged</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairs_csv_is_identical_whether_chunks_run_one_or_two_at_a_time()
    {
        // kimera run gives each parallel chunk's ONNX session its share of the cores (2 threads vs 1 here): same bytes.
        string[] common = ["--chunk-size", "5", "--no-cache", "--bootstrap", "100"];
        var one = await KimeraProcess.RunAsync(WithoutKey, ["run", RepoPaths.TestData("mixed_quick.csv"), "--out", _temp.File("p1"), "--parallelism", "1", .. common]);
        var two = await KimeraProcess.RunAsync(WithoutKey, ["run", RepoPaths.TestData("mixed_quick.csv"), "--out", _temp.File("p2"), "--parallelism", "2", .. common]);

        Assert.True(one.ExitCode == 0, one.Error);
        Assert.True(two.ExitCode == 0, two.Error);
        Assert.Equal(await File.ReadAllBytesAsync(_temp.File("p1/pairs.csv")), await File.ReadAllBytesAsync(_temp.File("p2/pairs.csv")));
    }

    [Fact]
    public async Task Missing_dataset_exits_2_naming_the_file()
    {
        var missing = _temp.File("nope.csv");
        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, "run", missing, "--out", _temp.File("run"));

        Assert.Equal(2, exit);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dataset_with_unknown_columns_exits_2_naming_the_expected_column_sets()
    {
        var file = _temp.File("bad.csv");
        await File.WriteAllTextAsync(file, "a,b\n1,2\n");
        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, "run", file, "--out", _temp.File("run"), "--no-cache");

        Assert.Equal(2, exit);
        Assert.Contains("bad.csv", error, StringComparison.Ordinal);
        Assert.Contains("pair_id", error, StringComparison.Ordinal);
        Assert.Contains("label_contradict_id", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_option_value_exits_2()
    {
        var (exit, _, error) = await KimeraProcess.RunAsync(WithoutKey, "run", RepoPaths.Samples("sample_pairs.csv"), "--chunk-size", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--chunk-size", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Llm_judge_runs_against_an_openai_compatible_server_caches_answers_and_never_shows_the_key()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ExpectedApiKey = SecretKey });
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = SecretKey };
        string[] common = ["--llm-endpoint", server.BaseUrl.ToString(), "--cache", _temp.File("cache.db"), "--bootstrap", "200", "--verbose"];

        var first = await KimeraProcess.RunAsync(environment, ["run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("first"), .. common]);
        var requestsAfterFirst = server.Requests.Count;
        var second = await KimeraProcess.RunAsync(environment, ["run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("second"), .. common]);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);

        // 50 pairs, all distinct: the preflight request and one each the first time, none the second (judgement cache;
        // no preflight either, as every pair is cached).
        Assert.Equal(51, requestsAfterFirst);
        Assert.Single(server.Requests, r => r.PairKey.Contains(Kimera.Llm.LlmJudge.PreflightPair.Second, StringComparison.Ordinal));
        Assert.Equal(51, server.Requests.Count);
        var rows = CsvRows.Read(_temp.File("first/pairs.csv"));
        Assert.All(rows, r => Assert.Equal(string.Empty, r["llm_error"]));

        // The fake model calls a pair a contradiction when exactly one text says not/false/incorrect (FakeModel).
        var expected = rows.Select(r => FakeModel.IsContradiction(r["text1"], r["text2"]) ? "true" : "false");
        Assert.Equal(expected, rows.Select(r => r["llm_pred"]));
        Assert.Equal(
            await File.ReadAllBytesAsync(_temp.File("first/pairs.csv")),
            await File.ReadAllBytesAsync(_temp.File("second/pairs.csv")));

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("first/report.json")));
        var llm = report.RootElement.GetProperty("judges").GetProperty("llm");
        Assert.Equal(50, llm.GetProperty("requests").GetInt64());
        Assert.True(llm.GetProperty("cost_usd").GetDouble() > 0);
        using var secondReport = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("second/report.json")));
        Assert.Equal(50, secondReport.RootElement.GetProperty("judges").GetProperty("llm").GetProperty("cache_hits").GetInt64());
        Assert.Equal(0, secondReport.RootElement.GetProperty("judges").GetProperty("llm").GetProperty("requests").GetInt64());
        Assert.Single(report.RootElement.GetProperty("statistics").GetProperty("comparisons").EnumerateArray());

        foreach (var text in new[] { first.Out, first.Error, second.Out, second.Error })
        {
            Assert.DoesNotContain(SecretKey, text, StringComparison.Ordinal);
        }

        foreach (var file in Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".db", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(SecretKey, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_over_budget_is_refused_before_any_request()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions());
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = SecretKey };

        var (exit, _, error) = await KimeraProcess.RunAsync(
            environment,
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache",
            "--llm-endpoint", server.BaseUrl.ToString(), "--budget-usd", "0.000001");

        Assert.Equal(2, exit);
        Assert.Contains("budget", error, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(server.Requests);
        Assert.False(File.Exists(_temp.File("run/pairs.csv")));
    }

    public void Dispose() => _temp.Dispose();
}
