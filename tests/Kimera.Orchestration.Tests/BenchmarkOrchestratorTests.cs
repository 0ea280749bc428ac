using System.Text.Json.Nodes;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Tests.Support;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Kimera.Orchestration.Tests;

/// <summary>The real orchestrator on the in-process durable host, its stores on Azurite: the dataset a blob of a datasets container,
/// the run's artifacts blobs of a runs container, the caches Azure tables.</summary>
[Collection(DurableCollection.Name)]
public sealed class BenchmarkOrchestratorTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData("mixed_quick.csv", 5, 20, 4)]
    [InlineData("sample_pairs.csv", 10, 50, 5)]
    public async Task Durable_run_writes_the_same_pairs_csv_and_statistics_as_the_local_engine(string dataset, int chunkSize, int pairs, int chunks)
    {
        var source = DatasetPath(dataset);
        var request = DurableHarness.Request(dataset, chunkSize);
        var local = await LocalReference.RunAsync(fixture.Embedder, source, request, Path.Combine(_temp.Path, "local"));
        var azure = await AzuriteStores.CreateAsync(azurite, source, dataset);
        await using var harness = await DurableHarness.StartAsync(fixture.Embedder, azure.Runs, azure.Datasets, azure.AddCaches);

        var done = await harness.RunToCompletionAsync(request, "parity-" + chunkSize);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<RunResult>()!;
        // Counts from the files themselves: one pair per data row, chunks = ceil(pairs / chunk size).
        Assert.Equal((pairs, chunks, dataset), (result.Pairs, result.Chunks, result.Dataset));
        Assert.Equal((local.Run.Pairs, local.Run.Chunks), (result.Pairs, result.Chunks));
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(_temp.Path, "local", RunArtifacts.Pairs)),
            await azure.ReadAsync(done.InstanceId, RunArtifacts.Pairs));
        Assert.Equal(LocalStatistics().ToJsonString(), (await StatisticsAsync(azure, done.InstanceId)).ToJsonString());
        Assert.Equal(local.Statistics.Judges["kimera"].Accuracy, result.Judges["kimera"].Accuracy);
    }

    [Fact]
    public async Task A_chunk_that_fails_once_is_retried_and_the_results_are_unchanged()
    {
        const string dataset = "mixed_quick.csv";
        var source = DatasetPath(dataset);
        var request = DurableHarness.Request(dataset, chunkSize: 5);
        await LocalReference.RunAsync(fixture.Embedder, source, request, Path.Combine(_temp.Path, "local"));
        var azure = await AzuriteStores.CreateAsync(azurite, source, dataset);
        var faults = 0;
        var faulty = new InterceptingRunStoreFactory(azure.Runs, (_, name) =>
            name == RunArtifacts.ChunkResults(1) && Interlocked.Increment(ref faults) == 1
                ? throw new IOException("injected: storage unavailable while writing chunk 1")
                : Task.CompletedTask);
        await using var harness = await DurableHarness.StartAsync(fixture.Embedder, faulty, azure.Datasets, azure.AddCaches);

        var done = await harness.RunToCompletionAsync(request, "retried");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        // The first attempt threw, the second wrote the chunk: two calls, one fault.
        Assert.Equal(2, faults);
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(_temp.Path, "local", RunArtifacts.Pairs)),
            await azure.ReadAsync("retried", RunArtifacts.Pairs));
        Assert.Equal(LocalStatistics().ToJsonString(), (await StatisticsAsync(azure, "retried")).ToJsonString());
    }

    [Fact]
    public async Task A_chunk_that_fails_every_attempt_fails_the_run_with_its_error()
    {
        const string dataset = "mixed_quick.csv";
        var azure = await AzuriteStores.CreateAsync(azurite, DatasetPath(dataset), dataset);
        var attempts = 0;
        var broken = new InterceptingRunStoreFactory(azure.Runs, (_, name) =>
        {
            if (name == RunArtifacts.ChunkResults(2))
            {
                Interlocked.Increment(ref attempts);
                throw new IOException("injected: chunk 2 cannot be written");
            }

            return Task.CompletedTask;
        });
        await using var harness = await DurableHarness.StartAsync(fixture.Embedder, broken, azure.Datasets, azure.AddCaches);

        var done = await harness.RunToCompletionAsync(DurableHarness.Request(dataset, chunkSize: 5, maxAttempts: 3), "broken");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(3, attempts);
        Assert.Contains("injected: chunk 2 cannot be written", done.FailureDetails!.ToString(), StringComparison.Ordinal);
        Assert.Null(await azure.ReadAsync("broken", RunArtifacts.Pairs));
    }

    [Fact]
    public async Task Progress_is_visible_in_the_custom_status_while_the_run_is_going()
    {
        const string dataset = "sample_pairs.csv";
        var azure = await AzuriteStores.CreateAsync(azurite, DatasetPath(dataset), dataset);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Chunk 2 waits until the test has read the status: with one chunk in flight, chunks 0 and 1 are done then.
        var gated = new InterceptingRunStoreFactory(azure.Runs, (_, name) => name == RunArtifacts.ChunkResults(2) ? release.Task : Task.CompletedTask);
        await using var harness = await DurableHarness.StartAsync(fixture.Embedder, gated, azure.Datasets, azure.AddCaches);
        await harness.Client.ScheduleNewOrchestrationInstanceAsync(
            OrchestrationNames.Orchestrator, DurableHarness.Request(dataset, chunkSize: 5, maxParallelChunks: 1), new StartOrchestrationOptions("progress"));

        RunStatus? seen = null;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (seen is not { ChunksDone: 2 })
            {
                await Task.Delay(100, timeout.Token);
                var running = await harness.Client.GetInstanceAsync("progress", getInputsAndOutputs: true, timeout.Token);
                seen = running?.SerializedCustomStatus is null ? null : running.ReadCustomStatusAs<RunStatus>();
            }
        }

        // 50 pairs in chunks of 5: 10 chunks; two done = 10 pairs.
        Assert.Equal(new RunStatus(RunStages.Processing, 2, 10, 10, 50), seen);
        var meanwhile = await harness.Client.GetInstanceAsync("progress");
        Assert.Equal(OrchestrationRuntimeStatus.Running, meanwhile!.RuntimeStatus);

        release.SetResult();
        using var finish = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var done = await harness.Client.WaitForInstanceCompletionAsync("progress", getInputsAndOutputs: true, finish.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new RunStatus(RunStages.Completed, 10, 10, 50, 50), done.ReadCustomStatusAs<RunStatus>());
    }

    [Fact]
    public async Task A_missing_dataset_fails_the_run_at_once_naming_it()
    {
        var azure = await AzuriteStores.CreateAsync(azurite, DatasetPath("mixed_quick.csv"), "mixed_quick.csv");
        var lookups = 0;
        var counting = new CountingResolver(azure.Datasets, () => Interlocked.Increment(ref lookups));
        await using var harness = await DurableHarness.StartAsync(fixture.Embedder, azure.Runs, counting, azure.AddCaches);

        var done = await harness.RunToCompletionAsync(DurableHarness.Request("absent.csv", maxAttempts: 4), "absent");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("Dataset 'absent.csv' does not exist.", done.FailureDetails!.ToString(), StringComparison.Ordinal);
        // A missing dataset stays missing: one attempt of the four allowed.
        Assert.Equal(1, lookups);
    }

    public void Dispose() => _temp.Dispose();

    private static string DatasetPath(string name) =>
        name == "sample_pairs.csv" ? RepoPaths.Samples(name) : RepoPaths.SharedDataset(name);

    private JsonNode LocalStatistics() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(_temp.Path, "local", RunArtifacts.Report)))!["statistics"]!;

    private static async Task<JsonNode> StatisticsAsync(AzuriteStores azure, string runId) =>
        JsonNode.Parse((await azure.ReadAsync(runId, RunArtifacts.Report))!)!["statistics"]!;

    private sealed class CountingResolver(IDatasetSourceResolver inner, Action counted) : IDatasetSourceResolver
    {
        public Task<Kimera.Datasets.DatasetSource?> ResolveAsync(string datasetName, CancellationToken cancellationToken = default)
        {
            counted();
            return inner.ResolveAsync(datasetName, cancellationToken);
        }
    }
}
