using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;
using Xunit.Abstractions;

namespace Kimera.Cli.Tests;

/// <summary>Issue 23, "A preflight that proves the judge works", through the real process: <c>kimera run --judges llm</c>
/// against the loopback server refuses (exit 2, one line on standard error, nothing judged) when the preflight answer is not a
/// verdict or a 400 names a request parameter, after one request; a verdict lets the run go on.</summary>
[Trait("Category", "Process")]
public sealed class RunLlmPreflightTests(ITestOutputHelper output) : IDisposable
{
    private const string Key = "sk-test-NEVER-PRINT-THIS-3141";
    private readonly TempDirectory _temp = new();

    private static Dictionary<string, string?> Environment => new()
    {
        ["OPENAI_API_KEY"] = Key,
        ["KIMERA_STORAGE"] = null,
        ["Kimera__Llm__RetryBaseDelay"] = "00:00:00.02",
    };

    public static TheoryData<string, string> Refusals => new()
    {
        {
            "400-temperature",
            "refused a test request: HTTP 400 (Unsupported value: 'temperature' does not support 0.1 with this model. Only the default (1) value is supported.). "
            + "Nothing was judged. The model refuses 'temperature': run with --llm-temperature none (or 1), or set Kimera__Llm__Temperature."
        },
        {
            "garbled",
            "answered a test request, but not with the JSON verdict (no JSON object in the answer): \"I think these two statements are probably related, but I cannot say.\". "
            + "Nothing was judged. The model did not answer with the JSON verdict the prompt asks for: run with --llm-response-format json_schema (or json_object), "
            + "or set Kimera__Llm__ResponseFormat, or choose a model that follows the prompt (--llm-model)."
        },
        {
            "think-only",
            "answered a test request, but the answer was cut at the 200-token limit. Nothing was judged. "
            + "Raise --llm-max-output-tokens or Kimera__Llm__MaxOutputTokens: a reasoning model spends output tokens on thinking before it answers, and may need a few thousand."
        },
    };

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Refusals))]
    public async Task A_preflight_that_does_not_prove_the_judge_works_refuses_the_run_with_exit_2_and_the_fix(string fault, string refusal)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = [fault, fault] });

        var (exit, _, error) = await KimeraProcess.RunAsync(
            Environment,
            "run", RepoPaths.Samples("sample_pairs.csv"), "--max-pairs", "4", "--out", _temp.File("run"), "--no-cache", "--judges", "llm",
            "--bootstrap", "0", "--llm-endpoint", server.BaseUrl.ToString());
        output.WriteLine($"{fault}: exit {exit}\n{error}");

        Assert.Equal(2, exit);
        var line = $"kimera run: refused: the LLM endpoint {server.BaseUrl} (model gpt-4o-mini) {refusal}";
        Assert.Contains(line, error.Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Single(server.Requests); // the preflight alone, not retried
        Assert.False(File.Exists(_temp.File("run/pairs.csv")));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_verdict_passes_the_preflight_and_the_run_asks_every_pair()
    {
        await using var server = await FakeOpenAiServer.StartAsync();

        var (exit, _, error) = await KimeraProcess.RunAsync(
            Environment,
            "run", RepoPaths.Samples("sample_pairs.csv"), "--max-pairs", "4", "--out", _temp.File("run"), "--no-cache", "--judges", "llm",
            "--bootstrap", "0", "--llm-endpoint", server.BaseUrl.ToString());
        output.WriteLine(error);

        Assert.True(exit == 0, error);
        Assert.Contains("kimera run: the LLM endpoint answered the preflight request.", error.Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Equal(1 + 4, server.Requests.Count);
        Assert.Equal(4, CsvRows.Read(_temp.File("run/pairs.csv")).Count);
    }

    public void Dispose() => _temp.Dispose();
}
