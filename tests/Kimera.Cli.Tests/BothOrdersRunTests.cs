using System.Text.Json.Nodes;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;
using Xunit.Abstractions;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera run --llm-both-orders</c> through the real process against a fake model with a position bias (it says
/// contradiction exactly when the first statement has a marker): two requests per pair, the order columns in pairs.csv,
/// the order flip rate in report.json and the summary, and <c>kimera analyze</c> finding the same from the columns.</summary>
[Trait("Category", "Process")]
public sealed class BothOrdersRunTests(ITestOutputHelper output) : IDisposable
{
    private const string Key = "sk-test-ORDERS-NEVER-PRINT-3333";
    private const string Marker = "[first]";
    private readonly TempDirectory _temp = new();

    [Fact(Timeout = 300_000)]
    public async Task Both_orders_measure_the_order_flip_rate_in_the_run_and_in_analyze()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ExpectedApiKey = Key, FirstStatementMarker = Marker });
        var data = _temp.File("pairs.csv");
        // p0, p1: the marker in one text only, so the two orders disagree; p2 (neither) and p3 (both) agree.
        await File.WriteAllTextAsync(data, $"""
            pair_id,text1,text2,label,lang,type
            p0,{Marker} The sky is blue.,The sky is green.,True,en,contradiction
            p1,Cats purr.,{Marker} Cats bark.,True,en,contradiction
            p2,Water is wet.,Water is damp.,False,en,paraphrase
            p3,{Marker} Fire is hot.,{Marker} Fire is cold.,True,en,contradiction

            """);

        var (exit, stdout, error) = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = Key },
            "run", data, "--judges", "llm", "--llm-both-orders", "--llm-endpoint", server.BaseUrl.ToString(), "--out", _temp.File("run"), "--no-cache", "--bootstrap", "0");
        output.WriteLine($"exit {exit}\n{stdout}\n{error}");

        Assert.True(exit == 0, error);
        // The preflight, then 2 requests per pair.
        Assert.Equal(1 + 8, server.Requests.Count);
        var header = File.ReadLines(_temp.File("run/pairs.csv")).First();
        Assert.Equal(["llm", "llm@ab", "llm@ba"], header.Split(',').Where(c => c.EndsWith("_pred", StringComparison.Ordinal)).Select(c => c[..^5]));
        var rows = CsvRows.Read(_temp.File("run/pairs.csv"));
        Assert.Equal(["true", "true", "false", "true"], rows.Select(r => r["llm_pred"]));
        Assert.Equal(["true", "false", "false", "true"], rows.Select(r => r["llm@ab_pred"]));
        Assert.Equal(["false", "true", "false", "true"], rows.Select(r => r["llm@ba_pred"]));
        // p0: scores 0.9 and 0.2, mean 0.55.
        Assert.Equal(0.55, double.Parse(rows[0]["llm_score"], System.Globalization.CultureInfo.InvariantCulture), 9);

        var report = JsonNode.Parse(await File.ReadAllTextAsync(_temp.File("run/report.json")))!;
        Assert.Equal(8, report["judges"]!["llm"]!["requests"]!.GetValue<long>());
        var statistics = report["statistics"]!;
        Assert.Equal(["llm"], statistics["judges"]!.AsObject().Select(j => j.Key));
        AssertOrderNoise(statistics["order_noise"]!["llm"]!);
        Assert.Contains("llm asked in both orders: verdicts flipped by the order on 2 of 4 pairs (50.0% [15.0%, 85.0%]), accuracy 0.750 (text1, text2) and 0.750 (text2, text1)", stdout, StringComparison.Ordinal);
        Assert.Contains("Cannot answer: only one judge ran.", stdout, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(_temp.File("run/report.html"));
        Assert.Contains("Position bias: each pair asked in both orders", html, StringComparison.Ordinal);
        Assert.Contains("<h2>How good is the LLM?</h2>", html, StringComparison.Ordinal);

        // analyze reads the order columns back: the same flip rate.
        var (analyzeExit, json, analyzeError) = await KimeraProcess.RunAsync("analyze", _temp.File("run/pairs.csv"), "--json", "--bootstrap", "0", "--folds", "2");
        Assert.True(analyzeExit == 0, analyzeError);
        var analyzed = JsonNode.Parse(json)!;
        Assert.Equal(["llm"], analyzed["judges"]!.AsObject().Select(j => j.Key));
        AssertOrderNoise(analyzed["order_noise"]!["llm"]!);
        var (textExit, text, _) = await KimeraProcess.RunAsync("analyze", _temp.File("run/pairs.csv"), "--bootstrap", "0", "--folds", "2");
        Assert.Equal(0, textExit);
        Assert.Contains("judges llm; both orders: llm", text, StringComparison.Ordinal);
        Assert.Contains("llm asked in both orders: verdicts flipped by the order on 2 of 4 pairs (50.0% [15.0%, 85.0%])", text, StringComparison.Ordinal);
    }

    private static void AssertOrderNoise(JsonNode noise)
    {
        Assert.Equal(2, noise["repeats"]!.GetValue<int>());
        Assert.Equal(4, noise["pairs"]!.GetValue<long>());
        Assert.Equal(2, noise["flipped"]!.GetValue<long>());
        Assert.Equal(0.5, noise["flip_rate"]!.GetValue<double>());
        // Wilson 95% for 2 of 4: centre (0.5 + z²/8) / (1 + z²/4) = 0.5, half-width z·√(1/16 + z²/64) / (1 + z²/4) = 0.349961.
        Assert.Equal(0.150039, noise["flip_rate_ci"]![0]!.GetValue<double>(), 6);
        Assert.Equal(0.849961, noise["flip_rate_ci"]![1]!.GetValue<double>(), 6);
        // Each order right on 3 of 4 labelled pairs (p0 wrong reversed, p1 wrong forward).
        Assert.Equal([0.75, 0.75], noise["repeat_accuracies"]!.AsArray().Select(a => a!.GetValue<double>()));
        Assert.Equal(0.0, noise["noise_floor"]!.GetValue<double>());
    }

    public void Dispose() => _temp.Dispose();
}
