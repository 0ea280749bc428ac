using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Reporting;

/// <summary>
/// One <c>kimera run</c> of samples/sample_pairs.csv, shared by a test class (a run takes seconds): the Kimera judge
/// (the CLI has no LLM judge wired in yet), no cache, 200 bootstrap resamples.
/// </summary>
public sealed class SampleRunFixture : IAsyncLifetime
{
    public const string Bootstrap = "200";

    private readonly TempDirectory _temp = new();
    public string RunDirectory => _temp.File("run");

    public string Output { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var (exit, output, error) = await KimeraProcess.RunAsync(
            "run", RepoPaths.Samples("sample_pairs.csv"), "--judges", "kimera", "--no-cache", "--bootstrap", Bootstrap, "--out", RunDirectory);
        Output = output;
        if (exit != 0)
        {
            throw new InvalidOperationException($"kimera run failed ({exit}): {error}\n{output}");
        }
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
