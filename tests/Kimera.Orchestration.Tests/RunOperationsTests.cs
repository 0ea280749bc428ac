using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Operations;
using Kimera.Orchestration.RealHost;
using Kimera.Orchestration.Tests.Support;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kimera.Orchestration.Tests;

/// <summary>What an operator does to runs (<see cref="RunOperations"/>: list, cancel, restart, delete) on a durable backend, the
/// runs' stores on Azurite. Every scenario runs on both backends (RunOperationsTiers.cs).</summary>
[Trait("Category", "Azurite")]
public abstract class RunOperationsTests(DurableBackend backend, EmbedderFixture fixture, AzuriteFixture azurite)
{
    private const string Quick = "mixed_quick.csv";
    private const string Sample = "sample_pairs.csv";

    [Fact]
    public async Task The_list_pages_runs_newest_first_filters_by_status_and_leaves_out_chunk_range_sub_orchestrations()
    {
        var azure = await AzuriteStores.CreateAsync(azurite, RepoPaths.TestData(Quick), Quick);
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, azure.Runs, azure.Datasets, azure.AddCaches);
        // Three runs one after the other, so their creation times are in this order: a (4 chunks in two sub-orchestrations of
        // 2, fan-out 2), b (fails: no such dataset), c.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await harness.RunToCompletionAsync(DurableHarness.Request(Quick, fanOut: 2), "list-a")).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await harness.RunToCompletionAsync(DurableHarness.Request("absent.csv", maxAttempts: 1), "list-b")).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await harness.RunToCompletionAsync(DurableHarness.Request(Quick), "list-c")).RuntimeStatus);
        var operations = Operations(azure.Runs, budgetUsd: 5m);

        var first = await operations.ListAsync(harness.Client, new RunListQuery(Top: 2));
        var second = await operations.ListAsync(harness.Client, new RunListQuery(Top: 2, ContinuationToken: first.ContinuationToken));
        var failed = await operations.ListAsync(harness.Client, new RunListQuery(Statuses: [OrchestrationRuntimeStatus.Failed]));
        var completed = await operations.ListAsync(harness.Client, new RunListQuery(Top: 1, Statuses: [OrchestrationRuntimeStatus.Completed]));
        var completedNext = await operations.ListAsync(harness.Client, new RunListQuery(Top: 1, [OrchestrationRuntimeStatus.Completed], completed.ContinuationToken));

        // 3 runs, pages of 2: c and b, then a and no further page.
        Assert.Equal(["list-c", "list-b"], first.Runs.Select(r => r.Id));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(["list-a"], second.Runs.Select(r => r.Id));
        Assert.Null(second.ContinuationToken);
        Assert.Equal(["list-b"], failed.Runs.Select(r => r.Id));
        Assert.Null(failed.ContinuationToken);
        Assert.Equal(["list-c"], completed.Runs.Select(r => r.Id));
        Assert.NotNull(completed.ContinuationToken);
        Assert.Equal(["list-a"], completedNext.Runs.Select(r => r.Id));
        Assert.Null(completedNext.ContinuationToken);

        // mixed_quick.csv: 20 pairs in chunks of 5 → 4 chunks, all done; Kimera only: no LLM spend and no budget that applies.
        var a = second.Runs[0];
        Assert.Equal(
            (Quick, OrchestrationRuntimeStatus.Completed, new RunStatus(RunStages.Completed, 4, 4, 20, 20), (decimal?)null, (decimal?)null, (RunError?)null),
            (a.Dataset, a.Status, a.Progress, a.SpendUsd, a.BudgetUsd, a.Error));
        Assert.Equal(["kimera"], a.Judges);
        Assert.True(a.CreatedAt <= a.LastUpdatedAt);
        var b = failed.Runs[0];
        Assert.Equal("absent.csv", b.Dataset);
        Assert.Equal("Task 'PlanRun' (#0) failed with an unhandled exception: Dataset 'absent.csv' does not exist.", b.Error!.Message);
        Assert.Equal(RunStages.Planning, b.Progress!.Stage);
    }

    [Fact]
    public async Task A_run_canceled_during_its_fan_out_keeps_its_finished_chunks_and_a_restart_computes_only_the_others_counting_the_spend()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var azure = await AzuriteStores.CreateAsync(azurite, RepoPaths.Samples(Sample), Sample);
        // One chunk in flight: chunks 0 and 1 finish, chunk 2 judges its pairs and is held before writing its results.
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restarted = 0;
        var writtenAfterRestart = new ConcurrentQueue<string>();
        var gated = new InterceptingRunStoreFactory(azure.Runs, (_, name) =>
        {
            if (Volatile.Read(ref restarted) == 1)
            {
                writtenAfterRestart.Enqueue(name);
                return Task.CompletedTask;
            }

            if (name != RunArtifacts.ChunkResults(2))
            {
                return Task.CompletedTask;
            }

            holding.TrySetResult();
            return release.Task;
        });
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, gated, azure.Datasets, services =>
        {
            // No judgement cache: a chunk computed again would ask its pairs again, so the requests tell what was recomputed.
            services.AddSingleton<Kimera.Engine.Embeddings.IEmbeddingCache>(azure.Embeddings);
            services.AddLlmJudge(options => PricedPerOutputToken(options, server.BaseUrl));
        });
        var operations = Operations(gated, budgetUsd: Budget);
        // 50 pairs in chunks of 5: 10 chunks, at most 3 tasks per instance: ranges 0-3 (itself split into 0-1 and 2-3), 4-6 and 7-9.
        var request = DurableHarness.Request(
            Sample, chunkSize: 5, maxParallelChunks: 1, judges: ["kimera", "llm"], llm: new LlmRateLimits(600, 90_000), maxAttempts: 1, fanOut: 3);
        await harness.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, request, new StartOrchestrationOptions("ops"));
        var running = harness.WaitAsync("ops");
        if (await Task.WhenAny(holding.Task, running) != holding.Task)
        {
            Assert.Fail($"The run ended ({(await running).RuntimeStatus}) before chunk 2 wrote its results.");
        }

        // While it runs: neither restarted nor deleted.
        Assert.Equal(RunOperationOutcome.Conflict, (await RunOperations.RestartAsync(harness.Client, "ops")).Outcome);
        Assert.Equal(RunOperationOutcome.Conflict, (await operations.DeleteAsync(harness.Client, "ops")).Outcome);
        Assert.Equal(RunOperationOutcome.NotFound, (await RunOperations.CancelAsync(harness.Client, "no-such-run")).Outcome);

        var cancel = await RunOperations.CancelAsync(harness.Client, "ops");

        Assert.Equal(RunOperationOutcome.Done, cancel.Outcome);
        var canceled = await running;
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, canceled.RuntimeStatus);
        // The root counts chunks as its ranges complete, and range 0-3 had not: nothing counted yet.
        Assert.Equal(new RunStatus(RunStages.Processing, 0, 10, 0, 50), canceled.ReadCustomStatusAs<RunStatus>());
        foreach (var range in new[] { "ops:chunks-00000-00003", "ops:chunks-00002-00003" })
        {
            Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await harness.WaitAsync(range)).RuntimeStatus);
        }

        var again = await RunOperations.CancelAsync(harness.Client, "ops");
        Assert.Equal((RunOperationOutcome.Conflict, "Run 'ops' has already finished (Terminated); there is nothing to cancel."), (again.Outcome, again.Message));
        // Chunk 2 was in flight: its activity goes on to the end and its artifacts stay, as those of chunks 0 and 1 do.
        release.SetResult();
        var store = azure.Runs.ForRun("ops");
        await WaitUntilAsync(() => store.ExistsAsync(RunArtifacts.ChunkSummary(2)), harness.RunCap);
        Assert.False(await store.ExistsAsync(RunArtifacts.ChunkResults(3)));
        // The preflight request and the 15 pairs of chunks 0 to 2, each priced at its completion tokens in dollars: the ledger holds them all.
        Assert.Equal(1 + 15, server.Requests.Count);
        var spentBefore = server.Requests.Sum(r => r.CompletionTokens * 1m);
        var listed = (await operations.GetAsync(harness.Client, "ops"))!;
        Assert.Equal((OrchestrationRuntimeStatus.Terminated, spentBefore, Budget), (listed.Status, listed.SpendUsd, listed.BudgetUsd));

        Volatile.Write(ref restarted, 1);
        var restart = await RunOperations.RestartAsync(harness.Client, "ops");

        Assert.Equal(RunOperationOutcome.Done, restart.Outcome);
        var done = await harness.WaitAsync("ops");
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {RunError.Of(done)}");
        Assert.Equal(new RunStatus(RunStages.Completed, 10, 10, 50, 50), done.ReadCustomStatusAs<RunStatus>());
        var result = done.ReadOutputAs<RunResult>()!;
        Assert.Equal((50, 10, 0L), (result.Pairs, result.Chunks, result.Judges["llm"].Errors));
        // Chunks 0 to 2 were reused: the restart wrote the results of chunks 3 to 9 only, and asked the LLM its preflight
        // request and the 35 pairs of those 7 chunks.
        Assert.Equal(
            Enumerable.Range(3, 7).Select(RunArtifacts.ChunkResults),
            writtenAfterRestart.Where(n => n.StartsWith("results/", StringComparison.Ordinal) && n.EndsWith(".csv", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(1 + 15 + 1 + 35, server.Requests.Count);
        // Both attempts' spend is in the ledger: what the budget check of a further restart would count.
        Assert.Equal(server.Requests.Sum(r => r.CompletionTokens * 1m), (await operations.GetAsync(harness.Client, "ops"))!.SpendUsd);
        var completedRestart = await RunOperations.RestartAsync(harness.Client, "ops");
        Assert.Equal(RunOperationOutcome.Conflict, completedRestart.Outcome);
    }

    [Fact]
    public async Task Delete_is_refused_while_the_run_runs_and_then_purges_its_history_with_sub_orchestrations_and_its_blobs()
    {
        var azure = await AzuriteStores.CreateAsync(azurite, RepoPaths.TestData(Quick), Quick);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gated = new InterceptingRunStoreFactory(azure.Runs, (_, name) =>
        {
            if (name != RunArtifacts.ChunkResults(1))
            {
                return Task.CompletedTask;
            }

            holding.TrySetResult();
            return release.Task;
        });
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, gated, azure.Datasets, azure.AddCaches);
        var operations = Operations(azure.Runs, budgetUsd: null);
        // 4 chunks, at most 2 tasks per instance: chunks 0-1 and 2-3 in two sub-orchestrations.
        await harness.Client.ScheduleNewOrchestrationInstanceAsync(
            OrchestrationNames.Orchestrator, DurableHarness.Request(Quick, fanOut: 2), new StartOrchestrationOptions("doomed"));
        var running = harness.WaitAsync("doomed");
        if (await Task.WhenAny(holding.Task, running) != holding.Task)
        {
            Assert.Fail($"The run ended ({(await running).RuntimeStatus}) before chunk 1 wrote its results.");
        }

        var refused = await operations.DeleteAsync(harness.Client, "doomed");

        Assert.Equal(
            (RunOperationOutcome.Conflict, "Run 'doomed' is Running; cancel it, or wait for it to finish, before deleting it."),
            (refused.Outcome, refused.Message));
        Assert.NotNull(await harness.Client.GetInstanceAsync("doomed"));
        Assert.NotNull(await azure.ReadAsync("doomed", RunArtifacts.Plan));
        release.SetResult();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await running).RuntimeStatus);
        string[] ranges = ["doomed:chunks-00000-00001", "doomed:chunks-00002-00003"];
        foreach (var range in ranges)
        {
            Assert.NotNull(await harness.Client.GetInstanceAsync(range));
        }

        var blobs = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(azure.Runs.Container);
        Assert.Contains($"doomed/{RunArtifacts.Report}", await BlobNamesAsync(blobs, "doomed/"));

        var deleted = await operations.DeleteAsync(harness.Client, "doomed");

        Assert.Equal(RunOperationOutcome.Done, deleted.Outcome);
        Assert.Null(await harness.Client.GetInstanceAsync("doomed"));
        foreach (var range in ranges)
        {
            Assert.Null(await harness.Client.GetInstanceAsync(range));
        }

        Assert.Empty(await BlobNamesAsync(blobs, "doomed/"));
        Assert.Empty((await operations.ListAsync(harness.Client, new RunListQuery())).Runs);
        Assert.Equal(RunOperationOutcome.NotFound, (await operations.DeleteAsync(harness.Client, "doomed")).Outcome);
    }

    private const decimal Budget = 1_000m;

    /// <summary>$1 per output token and none per input token: each request costs its completion tokens in dollars.</summary>
    private static void PricedPerOutputToken(LlmJudgeOptions options, Uri endpoint)
    {
        RealHostLlm.Configure(options, endpoint, Budget);
        options.PriceInputPerMillion = 0m;
        options.PriceOutputPerMillion = 1_000_000m;
        options.MaxOutputTokens = 16;
    }

    private static RunOperations Operations(IRunStoreFactory stores, decimal? budgetUsd) =>
        new(stores, Options.Create(new LlmJudgeOptions { BudgetUsd = budgetUsd }), Options.Create(new RunLogsOptions()));

    private static async Task<List<string>> BlobNamesAsync(BlobContainerClient container, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (checked every 50 ms), failing after <paramref name="cap"/>.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan cap)
    {
        using var timeout = new CancellationTokenSource(cap);
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
