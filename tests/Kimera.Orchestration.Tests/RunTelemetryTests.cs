using System.Collections.Concurrent;
using System.Diagnostics;
using Kimera.Orchestration.Tests.Support;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kimera.Orchestration.Tests;

/// <summary>Issue 26 point 3: inside every activity of a run, the log lines of any component (here the run's stores) carry the
/// run id as the scope property <c>kimera.run_id</c>, and each activity's span carries it as a tag. On the in-memory durable
/// backend, the stores on Azurite.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class RunTelemetryTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Quick = "mixed_quick.csv";

    [Fact]
    public async Task Every_line_written_inside_the_activities_and_every_activity_span_carries_the_run_id()
    {
        var id = "runlogs-" + Guid.NewGuid().ToString("N");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Kimera",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var recorder = new RecordingLoggerProvider();
        var azure = await AzuriteStores.CreateAsync(azurite, RepoPaths.TestData(Quick), Quick);
        await using var harness = await DurableHarness.StartAsync(
            DurableBackend.InProcess, azurite, fixture.Embedder, azure.Runs, azure.Datasets, services =>
            {
                azure.AddCaches(services);
                services.AddSingleton<ILoggerProvider>(recorder);
                services.AddSingleton<IRunStoreFactory>(provider => new LoggingRunStores(azure.Runs, provider.GetRequiredService<ILogger<LoggingRunStores>>()));
            });

        var done = await harness.RunToCompletionAsync(DurableHarness.Request(Quick, chunkSize: 5), id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var writes = recorder.Lines.Where(l => l.Category == typeof(LoggingRunStores).FullName).ToList();
        // mixed_quick.csv: 20 pairs in chunks of 5 → chunks 0-3. Plan writes the plan, ProcessChunk each chunk's results,
        // Aggregate the report: one line at least from each activity, and every line with the run's id.
        string[] expected = ["wrote plan.json", "wrote results/00000.csv", "wrote results/00001.csv", "wrote results/00002.csv", "wrote results/00003.csv", "wrote report.json"];
        Assert.All(expected, line => Assert.Contains(line, writes.Select(w => w.Message)));
        Assert.All(writes, line => Assert.Equal(id, line.ScopeProperties.GetValueOrDefault("kimera.run_id")));

        var runSpans = spans.Where(s => Equals(s.GetTagItem("kimera.run_id"), id)).Select(s => s.OperationName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["AggregateRun", "PlanRun", "ProcessChunk", "ProcessChunk", "ProcessChunk", "ProcessChunk"], runSpans);
    }
}
