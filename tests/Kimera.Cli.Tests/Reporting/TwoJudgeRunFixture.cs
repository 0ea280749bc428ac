using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Cli.Tests.Reporting;

/// <summary>One <c>kimera run</c> of the sample with both judges, the LLM being the loopback fake (deterministic answers:
/// a contradiction when exactly one text is negated), so the report has disagreements, mistakes and LLM costs.</summary>
public sealed class TwoJudgeRunFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private FakeOpenAiServer? _server;

    public string RunDirectory => _temp.File("run");

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        var (exit, output, error) = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test-report" },
            "run", RepoPaths.Samples("sample_pairs.csv"), "--no-cache", "--bootstrap", SampleRunFixture.Bootstrap, "--out", RunDirectory,
            "--llm-endpoint", _server.BaseUrl.ToString(), "--llm-model", "gpt-4o-mini");
        if (exit != 0)
        {
            throw new InvalidOperationException($"kimera run failed ({exit}): {error}\n{output}");
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _temp.Dispose();
    }
}
