using System.Text.Json.Nodes;
using Kimera.Judging;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.RealHost;
using Kimera.Orchestration.Tests.Support;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Orchestration.Tests;

/// <summary>Issue 27: one run on several hosts (child processes, <see cref="ChildHostGroup"/>) sharing one task hub over Azurite,
/// as the instances of a Flex Consumption app share it: the work spreads over them, a host killed mid-fan-out costs nothing, a
/// host started mid-run takes work. Each host runs at most two chunks at once (<c>maxConcurrentActivityFunctions</c>), and a
/// chunk waits on the fake LLM (600 ms an answer, one request at a time: about 3 s for its 5 pairs), so whichever host is
/// free takes the next chunk. Which host ran a chunk is read from the markers of <see cref="MarkingRunStoreFactory"/> and
/// <see cref="ChunkHold"/> (the writing process's id); every wait is on a marker or the run's end, none on the clock.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Slow")]
[Trait("Category", "Process")]
[Trait("Category", "Azurite")]
public sealed class ManyHostsTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Dataset = "sample_pairs.csv";
    private const int Chunks = 10;
    private const int Pairs = 50;
    private const int ActivitiesPerHost = 2;
    private static readonly TimeSpan StartCap = TimeSpan.FromMinutes(3);
    /// <summary>Generous: the killed host's work items come back only when their one-minute visibility lapses.</summary>
    private static readonly TimeSpan RunCap = TimeSpan.FromMinutes(6);
    private readonly TempDirectory _temp = new();

    /// <summary>50 pairs in chunks of 5, all 10 chunks in flight at once (more than the hosts' slots, so a free host always
    /// finds one), the Kimera and LLM judges; LLM limits high enough that only the answers' latency paces a chunk.</summary>
    private static RunRequest Request() =>
        DurableHarness.Request(Dataset, chunkSize: 5, maxParallelChunks: Chunks, judges: [JudgeNames.Kimera, JudgeNames.Llm], llm: new LlmRateLimits(60_000, 90_000_000));

    [Fact]
    public async Task A_run_on_three_hosts_spreads_its_chunks_and_writes_the_same_files_as_the_local_engine()
    {
        var (azure, settings, server) = await ArrangeAsync();
        await using var _ = server;
        await using var hosts = await ChildHostGroup.StartAsync(settings, 3, StartCap);

        var done = await RunAsync(hosts, "three-hosts");

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {RunError.Of(done)} {hosts.Output}");
        await AssertSameAsLocalAsync(azure, done.InstanceId);
        // Every chunk's results written once, and each host wrote at least 15% of them: 2 of the 10 chunks.
        var byHost = MarkingRunStoreFactory.ResultWritesByProcess(settings.MarkerDirectory);
        Assert.Equal(Chunks, byHost.Values.Sum());
        Assert.Equal(hosts.Hosts.Select(h => h.ProcessId).Order(), byHost.Keys.Order());
        Assert.All(byHost, host => Assert.True(host.Value >= 2, $"host {host.Key} ran {host.Value} of {Chunks} chunks: {Describe(byHost)}"));
        Assert.Equal(1 + Pairs, server.Requests.Count);
    }

    [Fact]
    public async Task A_host_killed_mid_fan_out_costs_no_pair_and_no_unbilled_or_double_spend()
    {
        var (azure, settings, server) = await ArrangeAsync();
        await using var _ = server;
        // Two hosts as usual, and a third that holds each chunk it takes before running it (so before any LLM request) until
        // it is killed: it dies with two work items in flight, neither of them paid for.
        await using var hosts = await ChildHostGroup.StartAsync(settings, 2, StartCap);
        var victim = (await hosts.AddAsync(1, s => s with { HoldChunksAfter = 0 }))[0];
        await hosts.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, Request(), new StartOrchestrationOptions("killed-host"));

        // Mid-fan-out: both of the victim's slots hold a chunk, and the other hosts have finished at least two.
        await WaitUntilAsync(settings.MarkerDirectory, () =>
            ChunkHold.Waiting(settings.MarkerDirectory).Count == ActivitiesPerHost
            && MarkingRunStoreFactory.ResultWritesByProcess(settings.MarkerDirectory).Values.Sum() >= 2, hosts);
        var held = ChunkHold.Waiting(settings.MarkerDirectory);
        Assert.All(held, h => Assert.Equal(victim.ProcessId, h.ProcessId));
        victim.Kill();
        var done = await WaitAsync(hosts, "killed-host");

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {RunError.Of(done)} {hosts.Output}");
        // No pair lost, none counted twice: the same files as the local engine, the progress and the report count 50 pairs.
        await AssertSameAsLocalAsync(azure, done.InstanceId);
        Assert.Equal(new RunStatus(RunStages.Completed, Chunks, Chunks, Pairs, Pairs), done.ReadCustomStatusAs<RunStatus>());
        // The held chunks were run by the survivors once their work items came back; every chunk's results were written.
        var survivors = hosts.Hosts.Where(h => h != victim).Select(h => h.ProcessId).ToHashSet();
        Assert.All(held, h => Assert.All(
            MarkingRunStoreFactory.Executions(settings.MarkerDirectory, h.Chunk).Select(ProcessMarker.Read),
            pid => Assert.Contains(pid, survivors)));
        Assert.All(Enumerable.Range(0, Chunks), chunk => Assert.NotEmpty(MarkingRunStoreFactory.Executions(settings.MarkerDirectory, chunk)));
        // The backend absorbed the lost host: its history shows each chunk scheduled and completed once.
        var evidence = await TaskHubEvidence.ReadAsync(azurite, settings.HubName, done.InstanceId);
        Assert.Equal(Chunks, evidence.Count("TaskScheduled", OrchestrationNames.ProcessChunk));
        Assert.Equal(Chunks + 2, evidence.Count("TaskCompleted"));

        // Each pair was asked once (plus the one preflight request), and the spend ledger (chunk summaries + the run's
        // records) holds exactly what the server billed: $1 per completion token, input free.
        Assert.Equal(1 + Pairs, server.Requests.Count);
        Assert.Equal(1 + Pairs, server.Requests.Select(r => r.PairKey).Distinct(StringComparer.Ordinal).Count());
        var billed = server.Requests.Sum(r => r.CompletionTokens * 1m);
        Assert.True(billed > 0m, "the fake server billed nothing: the comparison would prove nothing");
        var store = azure.Runs.ForRun(done.InstanceId);
        var plan = (await PipelineJson.ReadAsync<RunPlan>(store, RunArtifacts.Plan, CancellationToken.None))!;
        var (inChunks, notDone) = await LlmSpendLedger.ReadChunksAsync(plan, store, JudgeNames.Llm);
        Assert.Empty(notDone);
        Assert.Equal(billed, inChunks + await LlmSpendLedger.ReadUnaccountedInRunAsync(plan, store, JudgeNames.Llm));
    }

    [Fact]
    public async Task A_host_started_mid_run_takes_work()
    {
        var (azure, settings, server) = await ArrangeAsync();
        await using var _ = server;
        var release = _temp.File("release");
        // The first host runs two chunks, then holds every chunk it takes until the release file appears.
        await using var hosts = await ChildHostGroup.StartAsync(settings with { HoldChunksAfter = ActivitiesPerHost, ReleaseFile = release }, 1, StartCap);
        var first = hosts.Hosts[0];
        await hosts.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, Request(), new StartOrchestrationOptions("late-host"));
        await WaitUntilAsync(settings.MarkerDirectory, () => ChunkHold.Waiting(settings.MarkerDirectory).Count == ActivitiesPerHost, hosts);

        // The run is mid-fan-out (two chunks done, two held, six queued): a second host starts and takes chunks.
        var late = (await hosts.AddAsync(1))[0];
        await WaitUntilAsync(settings.MarkerDirectory, () => MarkingRunStoreFactory.ResultWritesByProcess(settings.MarkerDirectory).ContainsKey(late.ProcessId), hosts);
        await File.WriteAllTextAsync(release, string.Empty);
        var done = await WaitAsync(hosts, "late-host");

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {RunError.Of(done)} {hosts.Output}");
        await AssertSameAsLocalAsync(azure, done.InstanceId);
        var byHost = MarkingRunStoreFactory.ResultWritesByProcess(settings.MarkerDirectory);
        Assert.Equal(Chunks, byHost.Values.Sum());
        Assert.True(byHost.GetValueOrDefault(late.ProcessId) >= 1, Describe(byHost));
        // The first host ran its two chunks before holding, and its two held chunks once released (and maybe more after).
        Assert.True(byHost.GetValueOrDefault(first.ProcessId) >= 2 * ActivitiesPerHost, Describe(byHost));
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>A fresh dataset container, run container and caches; the fake LLM; child host settings on a task hub of their own.</summary>
    private async Task<(AzuriteStores Azure, ChildHostSettings Settings, FakeOpenAiServer Server)> ArrangeAsync()
    {
        var azure = await AzuriteStores.CreateAsync(azurite, RepoPaths.Samples(Dataset), Dataset);
        var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Latency = TimeSpan.FromMilliseconds(600) });
        var settings = new ChildHostSettings(
            azurite.ConnectionString, "kb" + Guid.NewGuid().ToString("N")[..16], azure.Datasets.Container, azure.Runs.Container,
            azure.Embeddings.TableName, azure.Judgements.TableName, _temp.File("markers"), _temp.File("ready"),
            HoldSummaries: [], LlmEndpoint: server.BaseUrl, LlmBudgetUsd: null)
        {
            MaxConcurrentActivities = ActivitiesPerHost,
            LlmMaxConcurrency = 1,
            // Every dollar a whole number: input free, $1 per output token.
            LlmPricesPerMillion = (0m, 1_000_000m),
        };
        return (azure, settings, server);
    }

    private static async Task<OrchestrationMetadata> RunAsync(ChildHostGroup hosts, string instanceId)
    {
        await hosts.Client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, Request(), new StartOrchestrationOptions(instanceId));
        return await WaitAsync(hosts, instanceId);
    }

    private static async Task<OrchestrationMetadata> WaitAsync(ChildHostGroup hosts, string instanceId)
    {
        using var timeout = new CancellationTokenSource(RunCap);
        return await hosts.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    private static async Task WaitUntilAsync(string markers, Func<bool> condition, ChildHostGroup hosts)
    {
        using var timeout = new CancellationTokenSource(RunCap);
        try
        {
            await FileArrival.WaitUntilAsync(markers, condition, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The markers did not reach the expected state within {RunCap}. Hosts: {hosts.Output}");
        }
    }

    /// <summary>pairs.csv and the statistics of report.json equal those of the local engine on the same file and options
    /// (its own fake LLM server, no latency: the model's answers depend only on the texts).</summary>
    private async Task AssertSameAsLocalAsync(AzuriteStores azure, string runId)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLlmJudge(options => RealHostLlm.Configure(options, server.BaseUrl, budgetUsd: null));
        var local = Path.Combine(_temp.Path, "local-" + runId);
        await using (var provider = services.BuildServiceProvider())
        {
            await LocalReference.RunAsync(fixture.Embedder, RepoPaths.Samples(Dataset), Request(), local, provider.GetRequiredService<ILlmJudgeSource>());
        }

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(local, RunArtifacts.Pairs)), await azure.ReadAsync(runId, RunArtifacts.Pairs));
        var localStatistics = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(local, RunArtifacts.Report)))!["statistics"]!;
        var durableStatistics = JsonNode.Parse((await azure.ReadAsync(runId, RunArtifacts.Report))!)!["statistics"]!;
        Assert.Equal(Pairs, durableStatistics["pairs"]!.GetValue<int>());
        Assert.Equal(localStatistics.ToJsonString(), durableStatistics.ToJsonString());
    }

    private static string Describe(IReadOnlyDictionary<int, int> byHost) =>
        string.Join(", ", byHost.Select(h => $"host {h.Key}: {h.Value} chunks"));
}
