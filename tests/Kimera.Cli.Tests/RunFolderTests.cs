using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Cli.Tests;

/// <summary>What a run folder guarantees across stops, resumes, damage and concurrent runs, through the real <c>kimera</c> process.</summary>
[Trait("Category", "Process")]
public sealed partial class RunFolderTests : IDisposable
{
    private const string Key = "sk-test-run-folder";
    private readonly TempDirectory _temp = new();

    private static Dictionary<string, string?> WithoutKey => new() { ["OPENAI_API_KEY"] = null };

    private static Dictionary<string, string?> WithKey => new() { ["OPENAI_API_KEY"] = Key };

    /// <summary>The key, and room for the long dataset's ~3,300-token requests: at the default 200,000 tokens a minute the
    /// token bucket would let about one through a second, which only makes these tests slow (limits are not their subject).</summary>
    private static Dictionary<string, string?> LongTexts => new() { ["OPENAI_API_KEY"] = Key, ["Kimera__Llm__TokensPerMinute"] = "10000000" };

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Ctrl_c_and_sigterm_stop_alike_keep_finished_chunks_and_the_next_run_resumes(string signal)
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
            await first.SignalAsync(signal);
            var (exit, _, error) = await first.WaitForExitAsync();

            // The same exit code and the same one line for both signals.
            Assert.Equal(1, exit);
            Assert.Equal(
                $"kimera run: stopped. Finished chunks are kept in {Path.GetFullPath(run)}; run the same command again to resume.",
                Assert.Single(Lines(error), l => l.Contains("stopped", StringComparison.Ordinal)));
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
            WithoutKey, "run", RepoPaths.TestData("mixed_quick.csv"), "--out", run, "--no-cache", "--judges", "kimera", "--bootstrap", "100");

        Assert.Equal(2, second.ExitCode);
        Assert.Contains(Path.GetFullPath(run), second.Error, StringComparison.Ordinal);
        Assert.Contains("in use by another kimera run", second.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "plan.json")));
        Assert.Contains("sample_pairs.csv", await File.ReadAllTextAsync(Path.Combine(run, "plan.json")), StringComparison.Ordinal);

        await first.TerminateAsync();
        Assert.Equal(1, (await first.WaitForExitAsync()).ExitCode);

        // The OS released the lock with the process: the folder is usable again at once.
        var third = await KimeraProcess.RunAsync(
            WithoutKey, "run", RepoPaths.TestData("mixed_quick.csv"), "--out", run, "--no-cache", "--judges", "kimera", "--bootstrap", "100");
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

    public static TheoryData<string, string, int> Damage => new()
    {
        // damage, the file damaged, the chunks of five that are reused (a damaged plan reuses none)
        { "results cut mid-row", "results/00002.csv", 4 },
        { "results cut at a line boundary", "results/00003.csv", 4 },
        { "summary emptied", "results/00003.json", 4 },
        { "plan.json truncated", "plan.json", 0 },
        { "dataset.json truncated", "dataset.json", 0 },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task A_damaged_artifact_is_detected_named_and_redone(string damage, string file, int reused)
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
            // The last row dropped whole: every row left is well formed, only the length and checksum tell.
            "results cut at a line boundary" => Array.LastIndexOf(content, (byte)'\n', content.Length - 2) + 1,
            "summary emptied" => 0,
            _ => content.Length / 2,
        };
        await File.WriteAllBytesAsync(path, content[..kept]);

        var second = await KimeraProcess.RunAsync(WithoutKey, args);

        Assert.True(second.ExitCode == 0, second.Error);
        // One notice, on one line, naming the file.
        var notice = Assert.Single(Lines(second.Error), l => l.Contains(file, StringComparison.Ordinal));
        Assert.Contains(reused == 0 ? "planning afresh" : "is recomputed", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("Path: $", second.Error, StringComparison.Ordinal);
        Assert.Equal(pairs, await File.ReadAllBytesAsync(Path.Combine(run, "pairs.csv")));
        Assert.Equal(50, CsvRows.Read(Path.Combine(run, "pairs.csv")).Count);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, "report.json")));
        Assert.Equal(reused, report.RootElement.GetProperty("timings").GetProperty("chunks_reused").GetInt32());
    }

    public static TheoryData<string> ReplanEnds => new() { "refused", "stopped" };

    [Theory]
    [MemberData(nameof(ReplanEnds))]
    public async Task A_replan_that_ends_without_results_leaves_the_previous_outputs_as_they_were(string end)
    {
        var run = _temp.File("run");
        string[] args = ["run", RepoPaths.Samples("sample_pairs.csv"), "--out", run, "--no-cache", "--chunk-size", "10", "--bootstrap", "100"];
        var first = await KimeraProcess.RunAsync(WithoutKey, [.. args, "--judges", "kimera"]);
        Assert.True(first.ExitCode == 0, first.Error);
        string[] outputs = ["pairs.csv", "report.json", "report.html"];
        var before = outputs.Select(name => File.ReadAllBytes(Path.Combine(run, name))).ToArray();
        var plan = Path.Combine(run, "plan.json");
        await File.WriteAllBytesAsync(plan, (await File.ReadAllBytesAsync(plan))[..10]);

        if (end == "refused")
        {
            // Nothing listens: the preflight refuses the run (exit 2) after it has planned afresh.
            var refused = await KimeraProcess.RunAsync(WithKey, [.. args, "--llm-endpoint", FakeOpenAiServer.ClosedPortUrl().ToString()]);
            Assert.True(refused.ExitCode == 2, refused.Error);
            Assert.Contains("plan.json", refused.Error, StringComparison.Ordinal);
        }
        else
        {
            // The preflight is answered, every pair's request is held: the run is inside its first chunk when it is stopped.
            await using var held = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { AnswerFirst = 1 });
            using var stopped = RunningKimera.Start(WithKey, null, [.. args, "--llm-endpoint", held.BaseUrl.ToString()]);
            await held.WhenArrivedAsync(2);
            await stopped.TerminateAsync();
            var (exit, _, error) = await stopped.WaitForExitAsync();
            Assert.True(exit == 1, error);
            Assert.Contains("plan.json", error, StringComparison.Ordinal);
        }

        // The run did plan afresh (a whole plan.json again), and only the outputs of the last finished run are there.
        using var replanned = JsonDocument.Parse(await File.ReadAllTextAsync(plan));
        Assert.Equal(50, replanned.RootElement.GetProperty("total_pairs").GetInt32());
        for (var i = 0; i < outputs.Length; i++)
        {
            Assert.Equal(before[i], await File.ReadAllBytesAsync(Path.Combine(run, outputs[i])));
        }

        Assert.Empty(Directory.GetFiles(run, "*.tmp", SearchOption.AllDirectories));
    }

    public static TheoryData<string, int> BudgetStops => new()
    {
        // how the first run ended and what happened to the folder after, the requests answered before the stop (the preflight is one)
        { "stopped mid-chunk 1", 19 },
        { "stopped mid-chunk 1, the first run without --budget-usd", 19 },
        { "stopped after chunk 0, then plan.json truncated", 11 },
        { "stopped after chunk 0, then results/00000.csv cut mid-row", 11 },
    };

    /// <summary>The issue's "one budget across stops and resumes", also when the folder was damaged in between or the
    /// first run had no budget: what was paid always counts, so the resume is refused instead of buying the pairs again.
    /// In each case, forgetting the first run's spend would admit the resume and bill more than the budget.</summary>
    [Theory]
    [MemberData(nameof(BudgetStops))]
    public async Task One_budget_across_a_stop_and_a_resume(string story, int answered)
    {
        var (dataset, budgetUsd) = await LongDatasetAsync();
        var run = _temp.File("run");
        string[] common = ["run", dataset, "--out", run, "--no-cache", "--chunk-size", "10", "--parallelism", "1", "--bootstrap", "100"];
        var budget = budgetUsd.ToString(CultureInfo.InvariantCulture);

        // One server for every run (its URL is part of the fingerprint); it answers the first requests, then holds.
        var serverOptions = new FakeOpenAiOptions { AnswerFirst = answered };
        await using var server = await FakeOpenAiServer.StartAsync(serverOptions);
        string[] withBudget = [.. common, "--llm-endpoint", server.BaseUrl.ToString(), "--budget-usd", budget];

        // First run: chunk 0 (10 pairs) finishes, then some (or none) of chunk 1's answers are billed, then SIGTERM.
        string[] first = story.Contains("without --budget-usd", StringComparison.Ordinal) ? withBudget[..^2] : withBudget;
        using (var process = RunningKimera.Start(LongTexts, null, first))
        {
            await server.WhenAnsweredAsync(answered);
            await server.WhenArrivedAsync(answered + 1);
            await process.TerminateAsync();
            var (exit, _, error) = await process.WaitForExitAsync();
            Assert.True(exit == 1, error);
        }

        var damaged = story.Contains("plan.json", StringComparison.Ordinal) ? "plan.json"
            : story.Contains("results/00000.csv", StringComparison.Ordinal) ? "results/00000.csv"
            : null;
        if (damaged is not null)
        {
            var path = Path.Combine(run, damaged);
            var content = await File.ReadAllBytesAsync(path);
            await File.WriteAllBytesAsync(path, content[..(content.Length / 2)]);
        }

        // The same command again: what the first run spent counts, so the pairs left are over what is left of the budget.
        serverOptions.AnswerFirst = null;
        var again = await KimeraProcess.RunAsync(LongTexts, withBudget);

        var billed = Billed(server);
        Assert.True(billed <= budgetUsd, $"billed ${billed} over the ${budget} budget\n{again.Error}");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("spent by earlier runs into this folder", again.Error, StringComparison.Ordinal);
        Assert.Equal(answered, server.Requests.Count(r => r.StatusCode == 200));
        if (damaged is not null)
        {
            Assert.Single(Lines(again.Error), l => l.Contains(damaged, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_resume_admitted_under_the_budget_stops_paying_at_it_and_marks_every_pair_left()
    {
        var (dataset, budget) = await LongDatasetAsync();
        var run = _temp.File("run");
        var serverOptions = new FakeOpenAiOptions { AnswerFirst = 11 };
        await using var server = await FakeOpenAiServer.StartAsync(serverOptions);
        string[] args = ["run", dataset, "--out", run, "--no-cache", "--chunk-size", "10", "--parallelism", "1", "--bootstrap", "100",
            "--llm-endpoint", server.BaseUrl.ToString(), "--budget-usd", budget.ToString(CultureInfo.InvariantCulture)];

        // First run: the preflight and chunk 0's 10 pairs are answered, then it is stopped at the start of chunk 1. This test
        // keeps the default token limit: with ~3,300-token requests it lets one request through at a time, so each unusable
        // answer is billed before the next request is admitted and the pairs the budget leaves unjudged are the same every
        // time (with several requests in flight the budget still holds, but which pairs it stops varies).
        using (var process = RunningKimera.Start(WithKey, null, args))
        {
            await server.WhenAnsweredAsync(11);
            await server.WhenArrivedAsync(12);
            await process.TerminateAsync();
            Assert.Equal(1, (await process.WaitForExitAsync()).ExitCode);
        }

        // The resume is admitted: the estimate of chunk 1 (one answer a pair) fits what is left. But now each pair's first
        // answer is unusable (billed all the same) and asked again, so the pairs cost about twice what was estimated.
        serverOptions.AnswerFirst = null;
        serverOptions.ScriptedFaults = ["garbled"];
        var again = await KimeraProcess.RunAsync(WithKey, args);

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("kimera run: LLM estimate:", again.Error, StringComparison.Ordinal);
        Assert.Contains("spent by earlier runs into this folder", again.Error, StringComparison.Ordinal);
        var billed = Billed(server);
        Assert.True(billed <= budget, $"billed ${billed} over the ${budget} budget\n{again.Error}");

        // Every planned pair is in pairs.csv once: judged, or marked as left unjudged by the budget.
        var rows = CsvRows.Read(Path.Combine(run, "pairs.csv"));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"p{i}"), rows.Select(r => r["pair_id"]).OrderBy(id => int.Parse(id[1..], CultureInfo.InvariantCulture)));
        // Left unjudged by the budget: never asked, or asked once with the retry of its unusable answer refused (the pair then
        // shows that answer's cause, not "budget exhausted").
        var exhausted = rows.Count(r => r["llm_error"]
            is "budget exhausted" or "unparsable answer: no JSON object in the answer (after 1 attempt; budget exhausted before a retry)");
        var judged = rows.Count(r => r["llm_error"].Length == 0 && r["llm_pred"].Length > 0);
        Assert.Equal(20, judged + exhausted);
        Assert.InRange(exhausted, 1, 10);
        // Chunk 0's pairs were judged by the first run and reused.
        Assert.All(rows.Where(r => int.Parse(r["pair_id"][1..], CultureInfo.InvariantCulture) < 10), r => Assert.Equal(string.Empty, r["llm_error"]));
    }

    /// <summary>20 distinct pairs of long, negation-free texts, and a budget: the estimate of the whole run (from a run
    /// refused before sending any request) plus $0.0001 for the preflight requests, which the estimate does not count
    /// (one costs about $0.00003). The estimate (prompt tokens + 200 output tokens a pair) is close to what the fake
    /// model bills, so a budget that admits the whole run is below what buying pairs again would cost.</summary>
    private async Task<(string Dataset, decimal BudgetUsd)> LongDatasetAsync()
    {
        var dataset = _temp.File("long.csv");
        await File.WriteAllTextAsync(dataset, LongDatasetCsv());
        return (dataset, await LongDatasetBudget.Value + 0.0001m);
    }

    private static string LongDatasetCsv()
    {
        var words = new[] { "the", "river", "runs", "past", "old", "stone", "walls", "and", "green", "fields", "under", "a", "quiet", "sky" };
        var csv = new StringBuilder("pair_id,text1,text2,label,lang,type\n");
        for (var i = 0; i < 20; i++)
        {
            var text1 = string.Join(' ', Enumerable.Range(0, 1500).Select(w => words[(w + i) % words.Length]));
            var text2 = string.Join(' ', Enumerable.Range(0, 1500).Select(w => words[(w * 3 + i) % words.Length]));
            csv.Append(CultureInfo.InvariantCulture, $"p{i},pair {i} {text1},pair {i} {text2},False,en,paraphrase\n");
        }

        return csv.ToString();
    }

    /// <summary>The long dataset's whole-run LLM estimate, asked of <c>kimera run</c> once for every test of the class (the
    /// dataset is the same each time, so is its estimate).</summary>
    private static readonly Lazy<Task<decimal>> LongDatasetBudget = new(async () =>
    {
        using var temp = new TempDirectory();
        var dataset = temp.File("long.csv");
        await File.WriteAllTextAsync(dataset, LongDatasetCsv());
        await using var server = await FakeOpenAiServer.StartAsync();
        var refused = await KimeraProcess.RunAsync(
            WithKey, "run", dataset, "--out", temp.File("probe"), "--no-cache", "--chunk-size", "10", "--bootstrap", "100",
            "--llm-endpoint", server.BaseUrl.ToString(), "--budget-usd", "0.000001");
        Assert.Equal(2, refused.ExitCode);
        Assert.Empty(server.Requests);
        return decimal.Parse(EstimatePattern().Match(refused.Error).Groups[1].Value, CultureInfo.InvariantCulture);
    });

    /// <summary>What the fake server's answers would cost at the judge's default prices (what a provider bills).</summary>
    private static decimal Billed(FakeOpenAiServer server) =>
        server.Requests.Sum(r => (r.PromptTokens * 0.15m + r.CompletionTokens * 0.60m) / 1_000_000m);

    private static string[] Lines(string text) => [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];

    [GeneratedRegex(@"at most \$([0-9.]+)")]
    private static partial Regex EstimatePattern();

    public void Dispose() => _temp.Dispose();
}
