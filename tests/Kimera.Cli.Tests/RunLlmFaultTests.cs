using System.Diagnostics;
using System.Text.Json;
using Kimera.Llm;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;
using Xunit.Abstractions;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera run</c> against an LLM endpoint that is down, wrong, hangs or dies mid-run (issue 12 items 10–12),
/// through the real process. Short timeouts come from <c>Kimera__Llm__*</c> variables; nothing asserts on time.</summary>
[Trait("Category", "Process")]
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

    public static TheoryData<string> Faults => ["refused", "dns", "401", "403", "404", "hang"];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Faults))]
    public async Task An_endpoint_that_is_down_wrong_or_hangs_stops_the_run_before_the_fan_out_with_exit_2_naming_it(string fault)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            ExpectedApiKey = fault == "401" ? "sk-another-key" : null,
            Forbidden = fault == "403",
            KnownModels = fault == "404" ? ["gpt-4o-mini"] : null,
            HangAfterAnswers = fault == "hang" ? 0 : null,
        });
        // .invalid is reserved never to resolve (RFC 6761): the name lookup fails on every machine.
        var endpoint = fault switch { "refused" => FakeOpenAiServer.ClosedPortUrl(), "dns" => new Uri("http://nowhere.invalid/v1/"), _ => server.BaseUrl };
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
            fault switch
            {
                "refused" => "connection refused",
                "dns" => "DNS lookup failed",
                "401" => "HTTP 401",
                "403" => "HTTP 403 (You are not allowed to sample from this model.): the endpoint refused the API key",
                "404" => "HTTP 404",
                _ => "no answer within 10 s",
            },
            error,
            StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("run/pairs.csv")));
        Assert.True(server.Requests.Count <= 1, $"{server.Requests.Count} requests");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_rerun_of_a_finished_folder_sends_no_request_not_even_the_preflight_without_a_cache()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var environment = new Dictionary<string, string?>(Environment()) { ["KIMERA_STORAGE"] = null };
        string[] args =
        [
            "run", RepoPaths.Samples("sample_pairs.csv"), "--max-pairs", "4", "--out", _temp.File("run"), "--no-cache", "--judges", "llm",
            "--bootstrap", "0", "--llm-endpoint", server.BaseUrl.ToString(),
        ];

        var (firstExit, _, firstError) = await KimeraProcess.RunAsync(environment, args);
        Assert.True(firstExit == 0, firstError);
        Assert.Equal(1 + 4, server.Requests.Count); // the preflight and the 4 pairs

        // Every chunk is finished: no pair is left to ask, so neither is the endpoint, cache or no cache.
        var (exit, _, error) = await KimeraProcess.RunAsync(environment, args);

        Assert.True(exit == 0, error);
        Assert.Equal(1 + 4, server.Requests.Count);
        Assert.DoesNotContain("preflight", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task The_preflight_is_sent_whenever_a_pair_is_uncached_even_when_the_cache_holds_its_own_texts()
    {
        // A dataset holding the preflight's two statements as a pair puts their answer in the cache; the preflight must
        // still reach the endpoint, since its purpose is to find out whether the endpoint answers now.
        await using var server = await FakeOpenAiServer.StartAsync();
        var environment = new Dictionary<string, string?>(Environment()) { ["KIMERA_STORAGE"] = null };
        var (sky, skyNot) = LlmJudge.PreflightPair;
        const string Header = "pair_id,text1,text2,label,lang,type\n";
        var skyRow = $"sky,{sky},{skyNot},True,en,contradiction\n";
        const string SnowRow = "snow,Snow is white.,Snow is black.,True,en,contradiction\n";
        const string IceRow = "ice,Ice is cold.,Ice is not cold.,True,en,contradiction\n";
        var first = _temp.File("first.csv");
        var second = _temp.File("second.csv");
        await File.WriteAllTextAsync(first, Header + skyRow + SnowRow);
        await File.WriteAllTextAsync(second, Header + skyRow + SnowRow + IceRow);
        string[] Args(string dataset, string folder) =>
        [
            "run", dataset, "--out", _temp.File(folder), "--cache", _temp.File("cache.db"), "--judges", "llm", "--bootstrap", "0",
            "--llm-endpoint", server.BaseUrl.ToString(),
        ];

        var (firstExit, _, firstError) = await KimeraProcess.RunAsync(environment, Args(first, "first"));
        Assert.True(firstExit == 0, firstError);
        var before = server.Requests.Count;
        Assert.Equal(3, before); // the preflight, sky and snow

        var (exit, _, error) = await KimeraProcess.RunAsync(environment, Args(second, "second"));

        Assert.True(exit == 0, error);
        var sent = server.Requests.Skip(before).Select(r => r.PairKey).Order(StringComparer.Ordinal).ToArray();
        // Sky and snow come from the cache; the preflight and ice go to the endpoint.
        Assert.Equal(new[] { "Ice is cold.\u241EIce is not cold.", sky + "\u241E" + skyNot }.Order(StringComparer.Ordinal), sent);
        Assert.Contains("the LLM endpoint answered the preflight request", error, StringComparison.Ordinal);
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
        var rows = CsvRows.Read(_temp.File("run/pairs.csv"));
        Assert.Equal(40, rows.Count);
        Assert.Equal(40, rows.Select(r => r["pair_id"]).Distinct().Count());
        Assert.All(rows, r => Assert.NotEqual(string.Empty, r["kimera_pred"]));
        Assert.Equal(5, rows.Count(r => r["llm_error"].Length == 0 && r["llm_pred"].Length > 0));
        var unavailable = rows.Where(r => r["llm_error"].Length > 0).ToList();
        Assert.Equal(35, unavailable.Count);
        Assert.All(unavailable, r => Assert.StartsWith(LlmJudge.UnavailablePrefix, r["llm_error"], StringComparison.Ordinal));
        const string Cause = "judge unavailable: no answer within 10 s";
        Assert.Contains($"llm: no verdict on 35 of 40 pairs: {Cause} ×35", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("failed on every pair", error, StringComparison.Ordinal);

        // The top of the report says so before any number: the count, and each cause with its count.
        var html = await File.ReadAllTextAsync(_temp.File("run/report.html"));
        var failures = html.IndexOf("id=\"judge-failures\"", StringComparison.Ordinal);
        Assert.True(failures > 0 && failures < html.IndexOf("id=\"summary\"", StringComparison.Ordinal));
        Assert.Contains("The llm judge could not judge 35 of 40 pairs; its metrics use the rest.", html, StringComparison.Ordinal);
        Assert.Contains($"<ul class=\"causes\"><li>{Cause}: 35 pairs</li></ul>", html, StringComparison.Ordinal);
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
        Assert.Equal(20, CsvRows.Read(_temp.File("run/pairs.csv")).Count);
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
