using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Cli.Tests;

/// <summary>What a run folder guarantees across stops, resumes, damage and concurrent runs, through the real <c>kimera</c> process.</summary>
public sealed partial class RunFolderTests : IDisposable
{
    private const string Key = "sk-test-run-folder";
    private readonly TempDirectory _temp = new();

    private static Dictionary<string, string?> WithoutKey => new() { ["OPENAI_API_KEY"] = null };

    private static Dictionary<string, string?> WithKey => new() { ["OPENAI_API_KEY"] = Key };

    [Fact]
    public async Task Sigterm_stops_like_ctrl_c_keeps_finished_chunks_and_the_next_run_resumes()
    {
        var run = _temp.File("run");
        string[] args = ["run", RepoPaths.Samples("sample_pairs.csv"), "--out", run, "--no-cache", "--chunk-size", "2", "--parallelism", "1", "--bootstrap", "100"];
        // One server for both runs (its URL is part of the fingerprint); it answers the preflight request and the next 4, then holds.
        var serverOptions = new FakeOpenAiOptions { AnswerFirst = 5 };
        await using var server = await FakeOpenAiServer.StartAsync(serverOptions);
        using (var first = RunningKimera.Start(WithKey, null, [.. args, "--llm-endpoint", server.BaseUrl.ToString()]))
        {
            await first.WhenErrorLineAsync(l => l.StartsWith("progress:", StringComparison.Ordinal));
            await server.WhenArrivedAsync(6); // preflight, then chunk size 2, one chunk at a time: chunks 0 and 1 are done, chunk 2 waits on the server
            await first.TerminateAsync();
            var (exit, _, error) = await first.WaitForExitAsync();

            Assert.Equal(1, exit);
            Assert.Contains("kimera run: stopped. Finished chunks are kept in", error, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(run, "results", "00000.json")));
        Assert.True(File.Exists(Path.Combine(run, "results", "00001.json")));
        Assert.False(File.Exists(Path.Combine(run, "results", "00002.json")));

        serverOptions.AnswerFirst = null;
        var second = await KimeraProcess.RunAsync(WithKey, [.. args, "--llm-endpoint", server.BaseUrl.ToString()]);
        Assert.True(second.ExitCode == 0, second.Error);
        // Each run sends one preflight request; no pair of chunks 0 and 1 is asked again.
        Assert.Equal(1 + 4 + 1 + 46, server.Requests.Count(r => r.StatusCode == 200));
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, "report.json")));
        Assert.Equal(2, report.RootElement.GetProperty("timings").GetProperty("chunks_reused").GetInt32());
    }

    [Fact]
    public async Task A_second_run_into_a_folder_in_use_is_refused_with_exit_2_naming_the_folder()
    {
        var run = _temp.File("shared");
        // The preflight request is answered; every pair's request is held, so the first run stays in its chunk.
        await using var held = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { AnswerFirst = 1 });
        using var first = RunningKimera.Start(
            WithKey, null, "run", RepoPaths.Samples("sample_pairs.csv"), "--out", run, "--no-cache", "--llm-endpoint", held.BaseUrl.ToString());
        await first.WhenErrorLineAsync(l => l.StartsWith("progress:", StringComparison.Ordinal));

        // Another dataset and options: today it would silently plan afresh over the first run's files.
        var second = await KimeraProcess.RunAsync(
            WithoutKey, "run", RepoPaths.SharedDataset("mixed_quick.csv"), "--out", run, "--no-cache", "--judges", "kimera", "--bootstrap", "100");

        Assert.Equal(2, second.ExitCode);
        Assert.Contains(Path.GetFullPath(run), second.Error, StringComparison.Ordinal);
        Assert.Contains("in use by another kimera run", second.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "plan.json")));
        Assert.Contains("sample_pairs.csv", await File.ReadAllTextAsync(Path.Combine(run, "plan.json")), StringComparison.Ordinal);

        await first.TerminateAsync();
        Assert.Equal(1, (await first.WaitForExitAsync()).ExitCode);

        // The OS released the lock with the process: the folder is usable again at once.
        var third = await KimeraProcess.RunAsync(
            WithoutKey, "run", RepoPaths.SharedDataset("mixed_quick.csv"), "--out", run, "--no-cache", "--judges", "kimera", "--bootstrap", "100");
        Assert.True(third.ExitCode == 0, third.Error);
    }

    [Fact]
    public async Task The_same_file_spelled_three_ways_resumes_and_a_changed_content_plans_afresh()
    {
        var folder = _temp.File("work");
        Directory.CreateDirectory(Path.Combine(folder, "samples"));
        var dataset = Path.Combine(folder, "samples", "x.csv");
        File.Copy(RepoPaths.Samples("sample_pairs.csv"), dataset);
        var run = _temp.File("run");
        string[] options = ["--out", run, "--no-cache", "--judges", "kimera", "--chunk-size", "10", "--bootstrap", "100"];

        async Task<(int Reused, string Fingerprint)> RunAsync(string spelling)
        {
            using var process = RunningKimera.Start(WithoutKey, folder, ["run", spelling, .. options]);
            var (exit, _, error) = await process.WaitForExitAsync();
            Assert.True(exit == 0, error);
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, "report.json")));
            return (report.RootElement.GetProperty("timings").GetProperty("chunks_reused").GetInt32(),
                report.RootElement.GetProperty("run").GetProperty("fingerprint").GetString()!);
        }

        var (_, fingerprint) = await RunAsync("samples/x.csv");
        Assert.Equal((5, fingerprint), await RunAsync("./samples/x.csv"));
        Assert.Equal((5, fingerprint), await RunAsync(dataset));

        // Same length, same modification time, one byte of a text changed: still another dataset.
        var stamp = File.GetLastWriteTimeUtc(dataset);
        var bytes = await File.ReadAllBytesAsync(dataset);
        var at = Encoding.UTF8.GetString(bytes).IndexOf("cat", StringComparison.Ordinal);
        Assert.True(at > 0);
        bytes[at] = (byte)'b';
        await File.WriteAllBytesAsync(dataset, bytes);
        File.SetLastWriteTimeUtc(dataset, stamp);
        var (reused, changed) = await RunAsync("samples/x.csv");
        Assert.Equal(0, reused);
        Assert.NotEqual(fingerprint, changed);
    }

    public static TheoryData<string, string> Damage => new()
    {
        { "results cut mid-row", "results/00002.csv" },
        { "summary emptied", "results/00003.json" },
        { "plan.json truncated", "plan.json" },
        { "dataset.json truncated", "dataset.json" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task A_damaged_artifact_is_detected_named_and_redone(string damage, string file)
    {
        var run = _temp.File("run");
        string[] args = ["run", RepoPaths.Samples("sample_pairs.csv"), "--out", run, "--no-cache", "--judges", "kimera", "--chunk-size", "10", "--bootstrap", "100"];
        var first = await KimeraProcess.RunAsync(WithoutKey, args);
        Assert.True(first.ExitCode == 0, first.Error);
        var pairs = await File.ReadAllBytesAsync(Path.Combine(run, "pairs.csv"));

        var path = Path.Combine(run, file);
        var content = await File.ReadAllBytesAsync(path);
        var kept = damage switch
        {
            "results cut mid-row" => Array.LastIndexOf(content, (byte)'\n', content.Length - 2) + 5,
            "summary emptied" => 0,
            _ => content.Length / 2,
        };
        await File.WriteAllBytesAsync(path, content[..kept]);

        var second = await KimeraProcess.RunAsync(WithoutKey, args);

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains(file, second.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Path: $", second.Error, StringComparison.Ordinal);
        Assert.Equal(pairs, await File.ReadAllBytesAsync(Path.Combine(run, "pairs.csv")));
    }

    [Fact]
    public async Task One_budget_across_a_stop_and_a_resume()
    {
        // 20 distinct pairs of long, negation-free texts: the estimate (prompt tokens + 200 output tokens a pair) is
        // close to what the fake model bills, so a budget that admits the whole run is below what re-buying would cost.
        var dataset = _temp.File("long.csv");
        var words = new[] { "the", "river", "runs", "past", "old", "stone", "walls", "and", "green", "fields", "under", "a", "quiet", "sky" };
        var csv = new StringBuilder("pair_id,text1,text2,label,lang,type\n");
        for (var i = 0; i < 20; i++)
        {
            var text1 = string.Join(' ', Enumerable.Range(0, 1500).Select(w => words[(w + i) % words.Length]));
            var text2 = string.Join(' ', Enumerable.Range(0, 1500).Select(w => words[(w * 3 + i) % words.Length]));
            csv.Append(CultureInfo.InvariantCulture, $"p{i},pair {i} {text1},pair {i} {text2},False,en,paraphrase\n");
        }

        await File.WriteAllTextAsync(dataset, csv.ToString());
        var run = _temp.File("run");
        string[] common = ["run", dataset, "--out", run, "--no-cache", "--chunk-size", "10", "--parallelism", "1", "--bootstrap", "100"];

        // One server for every run (its URL is part of the fingerprint); it answers the first 19 requests, then holds.
        var serverOptions = new FakeOpenAiOptions { AnswerFirst = 19 };
        await using var server = await FakeOpenAiServer.StartAsync(serverOptions);

        // The estimate of the whole run, from a refused run (no request sent), is the budget: exactly enough to start.
        var refused = await KimeraProcess.RunAsync(WithKey, [.. common[..3], _temp.File("probe"), .. common[4..], "--llm-endpoint", server.BaseUrl.ToString(), "--budget-usd", "0.000001"]);
        Assert.Equal(2, refused.ExitCode);
        var estimate = decimal.Parse(EstimatePattern().Match(refused.Error).Groups[1].Value, CultureInfo.InvariantCulture);
        var budget = (estimate + 0.000001m).ToString(CultureInfo.InvariantCulture);

        // First run: chunk 0 (10 pairs) finishes, 9 of chunk 1's 10 answers are billed, then SIGTERM.
        using (var process = RunningKimera.Start(WithKey, null, [.. common, "--llm-endpoint", server.BaseUrl.ToString(), "--budget-usd", budget]))
        {
            await process.WhenErrorLineAsync(l => l.StartsWith("progress:", StringComparison.Ordinal));
            await server.WhenAnsweredAsync(19);
            await server.WhenArrivedAsync(20);
            await process.TerminateAsync();
            var (exit, _, error) = await process.WaitForExitAsync();
            Assert.True(exit == 1, error);
        }

        // The same command again: what the first run spent counts, so the 10 pairs left are over what is left of the budget.
        serverOptions.AnswerFirst = null;
        var again = await KimeraProcess.RunAsync(WithKey, [.. common, "--llm-endpoint", server.BaseUrl.ToString(), "--budget-usd", budget]);

        var billed = server.Requests.Sum(r => (r.PromptTokens * 0.15m + r.CompletionTokens * 0.60m) / 1_000_000m);
        Assert.True(billed <= decimal.Parse(budget, CultureInfo.InvariantCulture), $"billed ${billed} over the ${budget} budget\n{again.Error}");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("spent by earlier runs into this folder", again.Error, StringComparison.Ordinal);
        Assert.Equal(19, server.Requests.Count(r => r.StatusCode == 200));
    }

    [GeneratedRegex(@"at most \$([0-9.]+)")]
    private static partial Regex EstimatePattern();

    public void Dispose() => _temp.Dispose();
}
