using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.RealHost;
using Kimera.Orchestration.Tests.Support;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Kimera.Orchestration.Tests;

/// <summary>The real backend's at-least-once activities: the host (a child process) is killed while chunks are in flight and
/// started again; the Azure Storage provider hands the unfinished work items out again once their queue visibility lapses
/// (one minute here, the least the extension accepts), so a chunk runs twice, and the run must still produce the same files.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Slow")]
[Trait("Category", "Process")]
[Trait("Category", "Azurite")]
public sealed class CrashResumeTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Dataset = "sample_pairs.csv";
    /// <summary>With 2 chunks in flight, chunks 0-2 finish, then 3 and 4 fill both slots and hang after writing their results:
    /// the kill finds exactly these two in flight, every verdict of chunks 0-4 in the judgement cache, and no LLM request open.</summary>
    private static readonly int[] HeldChunks = [3, 4];
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_host_killed_mid_run_resumes_and_the_chunk_run_twice_changes_neither_files_nor_llm_spend()
    {
        // 50 pairs in chunks of 5: 10 chunks, 2 in flight, Kimera and LLM judges.
        var request = DurableHarness.Request(Dataset, chunkSize: 5, maxParallelChunks: 2, judges: ["kimera", "llm"], llm: new LlmRateLimits(600, 90_000));
        var reference = await ReferencePairsAsync(request);

        var azure = await AzuriteStores.CreateAsync(azurite, RepoPaths.Samples(Dataset), Dataset);
        await using var server = await FakeOpenAiServer.StartAsync();
        var markers = _temp.File("markers");
        var settings = new ChildHostSettings(
            azurite.ConnectionString, "kb" + Guid.NewGuid().ToString("N")[..16], azure.Datasets.Container, azure.Runs.Container,
            azure.Embeddings.TableName, azure.Judgements.TableName, markers, _temp.File("ready"),
            HoldSummaries: HeldChunks, LlmEndpoint: server.BaseUrl, LlmBudgetUsd: 2m);

        // First host: chunks 3 and 4 write their results and then hang before their summaries; kill the host there.
        int firstPid;
        await using (var first = await ChildHostProcess.StartAsync(settings, TimeSpan.FromMinutes(3)))
        {
            firstPid = first.ProcessId;
            await first.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, request, new StartOrchestrationOptions("crash"));
            foreach (var chunk in HeldChunks)
            {
                await WaitForFileAsync(MarkingRunStoreFactory.HeldMarker(markers, chunk), TimeSpan.FromMinutes(3), first);
            }

            // The preflight request and the 25 pairs of chunks 0 to 4.
            Assert.Equal(1 + 25, server.Requests.Count);
            first.Kill();
        }

        // Second host on the same task hub, nothing held.
        await using var second = await ChildHostProcess.StartAsync(settings with { HoldSummaries = [] }, TimeSpan.FromMinutes(3));
        OrchestrationMetadata done;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6)))
        {
            done = await second.Client.WaitForInstanceCompletionAsync("crash", getInputsAndOutputs: true, timeout.Token);
        }

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {RunError.Of(done)} {second.Output}");
        // Chunks 3 and 4 really ran twice, once in each host process; every other chunk once.
        var pids = new[] { firstPid, second.ProcessId }.Select(Invariant).Order(StringComparer.Ordinal).ToArray();
        foreach (var chunk in HeldChunks)
        {
            Assert.Equal(pids, MarkingRunStoreFactory.Executions(markers, chunk).Select(File.ReadAllText).Order(StringComparer.Ordinal));
        }

        Assert.All(Enumerable.Range(0, 10).Except(HeldChunks), chunk => Assert.Single(MarkingRunStoreFactory.Executions(markers, chunk)));
        // ...and changed nothing: the same pairs.csv as an uninterrupted run, and one LLM request per pair after the one
        // preflight request of the first host's Plan (the second runs of chunks 3 and 4 found their ten verdicts in the judgement cache).
        Assert.Equal(reference, await azure.ReadAsync("crash", RunArtifacts.Pairs));
        Assert.Equal(1 + 50, server.Requests.Count);
        Assert.Equal(1 + 50, server.Requests.Select(r => r.PairKey).Distinct(StringComparer.Ordinal).Count());
        // The backend absorbed the duplicate: its history shows each chunk scheduled and completed once.
        var evidence = await TaskHubEvidence.ReadAsync(azurite, settings.HubName, "crash");
        Assert.Equal(10, evidence.Count("TaskScheduled", OrchestrationNames.ProcessChunk));
        Assert.Equal(12, evidence.Count("TaskCompleted"));
        Assert.Equal(new RunStatus(RunStages.Completed, 10, 10, 50, 50), done.ReadCustomStatusAs<RunStatus>());
    }

    public void Dispose() => _temp.Dispose();

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>pairs.csv of the same request run without interruption (in memory, its own fake LLM and caches).</summary>
    private async Task<byte[]> ReferencePairsAsync(RunRequest request)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var azure = await AzuriteStores.CreateAsync(azurite, RepoPaths.Samples(Dataset), Dataset);
        await using var harness = await DurableHarness.StartAsync(DurableBackend.InProcess, azurite, fixture.Embedder, azure.Runs, azure.Datasets, services =>
        {
            azure.AddCaches(services);
            services.AddLlmJudge(options => RealHostLlm.Configure(options, server.BaseUrl, budgetUsd: 2m));
        });
        var done = await harness.RunToCompletionAsync(request, "reference");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1 + 50, server.Requests.Count);
        return (await azure.ReadAsync("reference", RunArtifacts.Pairs))!;
    }

    private static async Task WaitForFileAsync(string path, TimeSpan cap, ChildHostProcess host)
    {
        using var timeout = new CancellationTokenSource(cap);
        try
        {
            await FileArrival.WaitAsync(path, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"'{path}' did not appear within {cap}. Host output: {host.Output}");
        }
    }
}
