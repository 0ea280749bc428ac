using System.Diagnostics;
using System.Text.Json;
using Kimera.Cli.Tests.Pipeline;
using Kimera.Llm;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;
using Xunit.Abstractions;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera run</c> against an LLM endpoint that is down, wrong, hangs or dies mid-run (issue 12 items 10–12),
/// through the real process. Short timeouts come from <c>Kimera__Llm__*</c> variables; nothing asserts on time.</summary>
public sealed class RunLlmFaultTests(ITestOutputHelper output) : IDisposable
{
    private const string Key = "sk-test-NEVER-PRINT-THIS-2718";
    private readonly TempDirectory _temp = new();

    /// <summary>Quick timeouts: a hanging request is given up after 10 s, the judge after the circuit stayed open 1 s.
    /// The attempt timeout is what detects a hang, so it is real time; 10 s leaves the answered requests (the first one
    /// pays for a cold process) ample room on a loaded machine, where 2 s was once too little.</summary>
    private static Dictionary<string, string?> Environment(string key = Key) => new()
    {
        ["OPENAI_API_KEY"] = key,
        ["Kimera__Llm__AttemptTimeout"] = "00:00:10",
        ["Kimera__Llm__CircuitBreakerBreakDuration"] = "00:00:00.5",
        ["Kimera__Llm__UnavailableAfter"] = "00:00:01",
        ["Kimera__Llm__RetryBaseDelay"] = "00:00:00.02",
    };

    public static TheoryData<string> Faults => ["refused", "401", "404", "hang"];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Faults))]
    public async Task An_endpoint_that_is_down_wrong_or_hangs_stops_the_run_before_the_fan_out_with_exit_2_naming_it(string fault)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            ExpectedApiKey = fault == "401" ? "sk-another-key" : null,
            KnownModels = fault == "404" ? ["gpt-4o-mini"] : null,
            HangAfterAnswers = fault == "hang" ? 0 : null,
        });
        var endpoint = fault == "refused" ? FakeOpenAiServer.ClosedPortUrl() : server.BaseUrl;
        var model = fault == "404" ? "gpt-nope" : "gpt-4o-mini";

        var watch = Stopwatch.StartNew();
        var (exit, _, error) = await KimeraProcess.RunAsync(
            Environment(),
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache", "--bootstrap", "0",
            "--llm-endpoint", endpoint.ToString(), "--llm-model", model);
        output.WriteLine($"{fault}: exit {exit} after {watch.Elapsed.TotalSeconds:F1} s\n{error}");

        Assert.Equal(2, exit);
        Assert.Contains(endpoint.ToString(), error, StringComparison.Ordinal);
        Assert.Contains($"model {model}", error, StringComparison.Ordinal);
        Assert.Contains(
            fault switch { "refused" => "connection refused", "401" => "HTTP 401", "404" => "HTTP 404", _ => "no answer within 10 s" },
            error,
            StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("run/pairs.csv")));
        Assert.True(server.Requests.Count <= 1, $"{server.Requests.Count} requests");
    }

    [Fact(Timeout = 180_000)]
    public async Task An_endpoint_that_dies_mid_run_ends_the_judge_not_the_run()
    {
        // The preflight and 5 pairs are answered, then every request hangs.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { HangAfterAnswers = 6 });

        var watch = Stopwatch.StartNew();
        var (exit, stdout, error) = await KimeraProcess.RunAsync(
            Environment(),
            "run", RepoPaths.Samples("sample_pairs.csv"), "--max-pairs", "40", "--out", _temp.File("run"), "--no-cache", "--bootstrap", "0",
            "--llm-endpoint", server.BaseUrl.ToString());
        output.WriteLine($"exit {exit} after {watch.Elapsed.TotalSeconds:F1} s, {server.Requests.Count} requests\n{stdout}\n{error}");

        Assert.True(exit == 0, error);
        var rows = LocalRunEngineTests.ReadCsv(_temp.File("run/pairs.csv"));
        Assert.Equal(40, rows.Count);
        Assert.Equal(40, rows.Select(r => r["pair_id"]).Distinct().Count());
        Assert.All(rows, r => Assert.NotEqual(string.Empty, r["kimera_pred"]));
        Assert.Equal(5, rows.Count(r => r["llm_error"].Length == 0 && r["llm_pred"].Length > 0));
        var unavailable = rows.Where(r => r["llm_error"].Length > 0).ToList();
        Assert.Equal(35, unavailable.Count);
        Assert.All(unavailable, r => Assert.StartsWith(LlmJudge.UnavailablePrefix, r["llm_error"], StringComparison.Ordinal));
        Assert.Contains("llm: no verdict on 35 of 40 pairs: judge unavailable: no answer within 10 s ×35", stdout, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_run_the_llm_could_not_serve_at_all_exits_1_and_says_why_in_the_summary_and_at_the_top_of_the_report()
    {
        // Only the preflight is answered: the endpoint dies as the fan-out starts.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { HangAfterAnswers = 1 });

        var watch = Stopwatch.StartNew();
        var (exit, stdout, error) = await KimeraProcess.RunAsync(
            Environment(),
            "run", RepoPaths.Samples("sample_pairs.csv"), "--max-pairs", "20", "--out", _temp.File("run"), "--no-cache", "--bootstrap", "0",
            "--llm-endpoint", server.BaseUrl.ToString());
        output.WriteLine($"exit {exit} after {watch.Elapsed.TotalSeconds:F1} s\n{stdout}\n{error}");

        Assert.Equal(1, exit);
        const string Cause = "judge unavailable: no answer within 10 s";
        Assert.Contains($"llm: no verdict on 20 of 20 pairs: {Cause} ×20", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("agreement , kappa", stdout, StringComparison.Ordinal);
        Assert.Contains("the llm judge failed on every pair", error, StringComparison.Ordinal);

        // Outputs are written all the same; the report says it before any number.
        Assert.Equal(20, LocalRunEngineTests.ReadCsv(_temp.File("run/pairs.csv")).Count);
        var html = await File.ReadAllTextAsync(_temp.File("run/report.html"));
        var failures = html.IndexOf("id=\"judge-failures\"", StringComparison.Ordinal);
        Assert.True(failures > 0 && failures < html.IndexOf("id=\"summary\"", StringComparison.Ordinal));
        Assert.Contains("could not judge any of the 20 pairs", html, StringComparison.Ordinal);
        Assert.Contains($"<li>{Cause}: 20 pairs</li>", html, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("run/report.json")));
        var cause = Assert.Single(report.RootElement.GetProperty("statistics").GetProperty("judges").GetProperty("llm").GetProperty("error_causes").EnumerateArray());
        Assert.Equal(Cause, cause.GetProperty("cause").GetString());
        Assert.Equal(20, cause.GetProperty("count").GetInt64());
    }

    public void Dispose() => _temp.Dispose();
}
