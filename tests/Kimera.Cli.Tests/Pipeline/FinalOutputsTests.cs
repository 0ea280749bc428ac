using System.Diagnostics;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Kimera.Reporting.Model;
using Kimera.Statistics;
using Kimera.Storage.FileSystem;
using Kimera.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Cli.Tests.Pipeline;

/// <summary>Aggregate never replaces good outputs with worse ones: pairs.csv, report.json and report.html change together,
/// and only once every check has passed.</summary>
public sealed class FinalOutputsTests : IClassFixture<EmbedderFixture>, IDisposable
{
    private readonly EmbedderFixture _fixture;
    private readonly TempDirectory _temp = new();

    public FinalOutputsTests(EmbedderFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_failing_aggregation_leaves_the_previous_outputs_untouched()
    {
        var run = _temp.File("run");
        await new PipelineHarness(_fixture.Embedder).RunAsync(RepoPaths.TestData("contradictions_offline.csv"), run, chunkSize: 4, parallelism: 1);
        string[] outputs = [RunArtifacts.Pairs, RunArtifacts.Report, RunArtifacts.ReportHtml];
        var before = outputs.ToDictionary(o => o, o => File.ReadAllBytes(Path.Combine(run, o)));

        // results/00003.csv cut at a line boundary: it still parses, but holds fewer pairs than the plan.
        var results = Path.Combine(run, "results", "00003.csv");
        var lines = await File.ReadAllLinesAsync(results);
        await File.WriteAllLinesAsync(results, lines[..^1]);

        var store = new FileSystemArtifactStore(run);
        var plan = (await PipelineJson.ReadAsync<RunPlan>(store, RunArtifacts.Plan, CancellationToken.None))!;
        var summaries = new List<ChunkSummary>();
        for (var i = 0; i < plan.ChunkCount; i++)
        {
            summaries.Add((await PipelineJson.ReadAsync<ChunkSummary>(store, RunArtifacts.ChunkSummary(i), CancellationToken.None))!);
        }

        var aggregator = new RunAggregator(NullLogger<RunAggregator>.Instance);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => aggregator.AggregateAsync(
            plan, store, summaries, new RunTimings(), new StatisticsOptions { BootstrapResamples = 100, Folds = 3 }, Stopwatch.StartNew()));

        Assert.Contains("Nothing may be lost", failure.Message, StringComparison.Ordinal);
        Assert.All(outputs, o => Assert.Equal(before[o], File.ReadAllBytes(Path.Combine(run, o))));
        Assert.Empty(Directory.EnumerateFiles(run, "*.tmp", SearchOption.AllDirectories));
    }

    public void Dispose() => _temp.Dispose();
}
