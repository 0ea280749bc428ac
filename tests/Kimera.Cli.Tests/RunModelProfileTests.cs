using System.Text.Json;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Cli.Tests;

/// <summary>Issue 23: the model profile's options on the command line, and the cost as measured, estimated or unknown.</summary>
[Trait("Category", "Process")]
public sealed class RunModelProfileTests : IDisposable
{
    private const string Key = "sk-test-profiles";
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_budget_for_a_model_without_prices_is_refused_naming_the_price_options()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions());
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = Key, ["KIMERA_STORAGE"] = null };

        var (exit, _, error) = await KimeraProcess.RunAsync(
            environment,
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache",
            "--llm-endpoint", server.BaseUrl.ToString(), "--llm-model", "llama3.1:8b", "--budget-usd", "1");

        Assert.Equal(2, exit);
        Assert.Equal(
            "kimera run: --budget-usd needs the prices of model 'llama3.1:8b', which the model profiles do not know; give --llm-price-input and --llm-price-output (US dollars per million tokens, 0 for a model you host).",
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_reasoning_model_is_asked_as_its_profile_says_and_a_missing_usage_makes_the_cost_estimated()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { OmitUsage = true });
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = Key, ["KIMERA_STORAGE"] = null };

        var (exit, output, error) = await KimeraProcess.RunAsync(
            environment,
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache",
            "--llm-endpoint", server.BaseUrl.ToString(), "--llm-model", "o3-mini", "--llm-reasoning-effort", "low",
            "--llm-max-output-tokens", "1000", "--budget-usd", "5");

        Assert.True(exit == 0, error);
        // 50 pairs and the preflight request, each without temperature, with max_completion_tokens and the effort.
        Assert.Equal(51, server.Requests.Count);
        Assert.All(server.Requests, request =>
        {
            using var body = JsonDocument.Parse(request.Body);
            Assert.False(body.RootElement.TryGetProperty("temperature", out _));
            Assert.Equal(1000, body.RootElement.GetProperty("max_completion_tokens").GetInt32());
            Assert.Equal("low", body.RootElement.GetProperty("reasoning_effort").GetString());
        });
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("run/report.json")));
        var llm = report.RootElement.GetProperty("judges").GetProperty("llm");
        Assert.Equal(("estimated", 50L), (llm.GetProperty("cost_basis").GetString(), llm.GetProperty("usage_estimated_requests").GetInt64()));
        Assert.Contains("(estimated)", await File.ReadAllTextAsync(_temp.File("run/report.html")), StringComparison.Ordinal);
        var costLine = Assert.Single(output.Split('\n').Select(l => l.TrimEnd('\r')), l => l.StartsWith("LLM cost of llm: $", StringComparison.Ordinal));
        Assert.Contains(" estimated (50 requests, ", costLine, StringComparison.Ordinal);
        Assert.EndsWith("; 50 answers without usage, their tokens counted with the tokenizer)", costLine, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
