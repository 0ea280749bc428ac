using System.Text.Json.Nodes;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.RealHost;
using Kimera.Orchestration.Tests.Support;
using Kimera.Pipeline.Artifacts;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Kimera.TestSupport.FakeOpenAi;
using Kimera.TestSupport.Judging;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Orchestration.Tests;

/// <summary>The real orchestrator on a durable backend, its stores on Azurite: the dataset a blob of a datasets container,
/// the run's artifacts blobs of a runs container, the caches Azure tables. Every scenario runs on both backends
/// (BenchmarkOrchestratorTiers.cs): the in-memory emulation and the Durable extension on the Azure Storage provider.</summary>
[Trait("Category", "Azurite")]
public abstract class BenchmarkOrchestratorTests(DurableBackend backend, EmbedderFixture fixture, AzuriteFixture azurite) : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData("mixed_quick.csv", 5, 20, 4, null, "{\"asked\":null,\"taken\":20}")]
    // A sample above the file's 50 pairs takes them all, in file order: the same pairs and chunks, and report.json says so.
    [InlineData("sample_pairs.csv", 10, 50, 5, 1000, "{\"asked\":1000,\"taken\":50}")]
    public async Task Durable_run_writes_the_same_pairs_csv_and_statistics_as_the_local_engine(
        string dataset, int chunkSize, int pairs, int chunks, int? sample, string sampleJson)
    {
        var source = DatasetPath(dataset);
        var request = DurableHarness.Request(dataset, chunkSize, sample: sample);
        var local = await LocalReference.RunAsync(fixture.Embedder, source, request, Path.Combine(_temp.Path, "local"));
        var azure = await AzuriteStores.CreateAsync(azurite, source, dataset);
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, azure.Runs, azure.Datasets, azure.AddCaches);

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
        // The dataset's facts too (bad rows, sample asked and taken), all but where the file was read from (a path, a blob name).
        var durableDataset = await DatasetFactsAsync(azure, done.InstanceId);
        Assert.Equal(LocalDatasetFacts().ToJsonString(), durableDataset.ToJsonString());
        Assert.Equal(sampleJson, durableDataset["sample"]!.ToJsonString());

        if (harness.HubName is { } hub)
        {
            // The Azure Storage provider carried it: history rows of the instance, its instance row, the hub's queues.
            var evidence = await TaskHubEvidence.ReadAsync(azurite, hub, done.InstanceId);
            Assert.Equal("Completed", evidence.InstanceStatus);
            Assert.Equal(chunks, evidence.Count("TaskScheduled", OrchestrationNames.ProcessChunk));
            Assert.Equal(chunks + 2, evidence.Count("TaskCompleted"));
            Assert.Equal(1, evidence.Count("ExecutionCompleted"));
            var lower = hub.ToLowerInvariant();
            // host.json: partitionCount 4, so four control queues, and one work-item queue for the activities.
            Assert.Equal(
                [$"{lower}-control-00", $"{lower}-control-01", $"{lower}-control-02", $"{lower}-control-03", $"{lower}-workitems"],
                evidence.Queues.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task A_run_of_more_chunks_than_the_fan_out_runs_in_sub_orchestrations_with_the_same_files_and_progress()
    {
        const string dataset = "sample_pairs.csv";
        var source = DatasetPath(dataset);
        // 50 pairs in chunks of 5: 10 chunks, 2 in flight, at most 3 tasks per instance.
        var request = DurableHarness.Request(dataset, chunkSize: 5, maxParallelChunks: 2, fanOut: 3);
        await LocalReference.RunAsync(fixture.Embedder, source, request, Path.Combine(_temp.Path, "local"));
        var azure = await AzuriteStores.CreateAsync(azurite, source, dataset);
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, azure.Runs, azure.Datasets, azure.AddCaches);

        var done = await harness.RunToCompletionAsync(request, "grouped");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal((50, 10), (done.ReadOutputAs<RunResult>()!.Pairs, done.ReadOutputAs<RunResult>()!.Chunks));
        Assert.Equal(new RunStatus(RunStages.Completed, 10, 10, 50, 50), done.ReadCustomStatusAs<RunStatus>());
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(_temp.Path, "local", RunArtifacts.Pairs)),
            await azure.ReadAsync("grouped", RunArtifacts.Pairs));
        Assert.Equal(LocalStatistics().ToJsonString(), (await StatisticsAsync(azure, "grouped")).ToJsonString());

        if (harness.HubName is { } hub)
        {
            // By hand: 10 chunks over at most 3 tasks -> ranges of 4, 3 and 3 chunks; the range of 4 is more than 3 -> two of 2.
            var history = await TaskHubEvidence.HistoryByInstanceAsync(azurite, hub);
            Assert.Equal(
                ["grouped", "grouped:chunks-00000-00001", "grouped:chunks-00000-00003", "grouped:chunks-00002-00003",
                 "grouped:chunks-00004-00006", "grouped:chunks-00007-00009"],
                history.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(10, history.Values.Sum(rows => rows.Count(r => r.EventType == "TaskScheduled" && r.Name == OrchestrationNames.ProcessChunk)));
            Assert.Equal(3, history["grouped"].Count(r => r.EventType == "SubOrchestrationInstanceCreated"));
            // No instance scheduled more than 3 tasks besides Plan and Aggregate: the history bound of docs/architecture.md for G = 3.
            Assert.All(history, instance => Assert.InRange(instance.Value.Count, 1, HistoryBound(3)));
        }
    }

    [Fact]
    public async Task A_chunk_that_fails_every_attempt_in_a_sub_orchestration_fails_the_run_with_its_error()
    {
        const string dataset = "mixed_quick.csv";
        var azure = await AzuriteStores.CreateAsync(azurite, DatasetPath(dataset), dataset);
        var broken = new InterceptingRunStoreFactory(azure.Runs, (_, name) =>
            name == RunArtifacts.ChunkResults(2) ? throw new IOException("injected: chunk 2 cannot be written") : Task.CompletedTask);
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, broken, azure.Datasets, azure.AddCaches);

        // 4 chunks, at most 2 tasks per instance: chunks 0-1 and 2-3 in two sub-orchestrations.
        var done = await harness.RunToCompletionAsync(DurableHarness.Request(dataset, chunkSize: 5, maxAttempts: 2, fanOut: 2), "broken-group");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var error = RunError.Of(done)!;
        Assert.Equal("Microsoft.DurableTask.TaskFailedException", error.Type);
        Assert.StartsWith($"Task '{OrchestrationNames.ChunkGroup}' (#", error.Message, StringComparison.Ordinal);
        Assert.Contains("failed with an unhandled exception: Task 'ProcessChunk' (#", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("failed with an unhandled exception: injected: chunk 2 cannot be written", error.Message, StringComparison.Ordinal);
        Assert.Null(await azure.ReadAsync("broken-group", RunArtifacts.Pairs));
    }

    [Fact]
    public async Task A_chunk_result_above_the_queue_message_limit_reaches_the_orchestrator_intact()
    {
        const string dataset = "mixed_quick.csv";
        var source = DatasetPath(dataset);
        var request = DurableHarness.Request(dataset, chunkSize: 5);
        await LocalReference.RunAsync(fixture.Embedder, source, request, Path.Combine(_temp.Path, "local"));
        var azure = await AzuriteStores.CreateAsync(azurite, source, dataset);
        var oversized = new OversizedSummaryStore(azure.Runs, chunk: 1, paddingEntries: 1_000);
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, oversized, azure.Datasets, azure.AddCaches);

        var done = await harness.RunToCompletionAsync(request, "oversized");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, oversized.LostCompletions);
        // Far above the 64 KB of a queue message.
        Assert.InRange(oversized.PaddedBytes, 100_000, 1_000_000);
        // The orchestrator counted the big summary's pairs like any other: 20 pairs, all done.
        Assert.Equal(new RunStatus(RunStages.Completed, 4, 4, 20, 20), done.ReadCustomStatusAs<RunStatus>());
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(_temp.Path, "local", RunArtifacts.Pairs)),
            await azure.ReadAsync("oversized", RunArtifacts.Pairs));
        Assert.Equal(LocalStatistics().ToJsonString(), (await StatisticsAsync(azure, "oversized")).ToJsonString());

        if (harness.HubName is { } hub)
        {
            // The provider stored the result as a blob and put a reference in the queue message and history row.
            var evidence = await TaskHubEvidence.ReadAsync(azurite, hub, "oversized");
            Assert.NotEmpty(evidence.LargeMessageBlobs);
            Assert.All(evidence.LargeMessageBlobs, name => Assert.StartsWith("oversized/", name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Both_engines_run_the_same_judge_set_of_kimera_variants_and_llm_judges_with_identical_pairs_csv()
    {
        const string dataset = "mixed_quick.csv";
        await using var first = await FakeOpenAiServer.StartAsync();
        await using var second = await FakeOpenAiServer.StartAsync();
        JudgeDefinition[] judges =
        [
            JudgeDefinition.FromShorthand(JudgeNames.Kimera),
            new() { Name = "h70", Kind = JudgeKinds.Kimera, Options = new Dictionary<string, string> { ["HighResonanceThreshold"] = "0.7" } },
            new() { Name = "mini", Kind = JudgeKinds.Llm, Repeats = 2, BudgetShare = 0.5m },
            // A self-hosted model the profiles do not know: under a budget it needs its prices, 0 here.
            new() { Name = "local", Kind = JudgeKinds.Llm, Endpoint = second.BaseUrl.ToString(), Model = "llama3.1", RequestsPerMinute = 300, BothOrders = true, PriceInputPerMillion = 0m, PriceOutputPerMillion = 0m },
        ];
        var request = DurableHarness.Request(dataset, chunkSize: 5, maxParallelChunks: 2, llm: new LlmRateLimits(600, 90_000));
        request = request with { Spec = request.Spec.WithJudges(judges) };
        var source = DatasetPath(dataset);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLlmJudge(options => RealHostLlm.Configure(options, first.BaseUrl, budgetUsd: 2m));
        await using (var provider = services.BuildServiceProvider())
        {
            await LocalReference.RunAsync(fixture.Embedder, source, request, Path.Combine(_temp.Path, "local"), provider.GetRequiredService<ILlmJudgeSource>());
        }

        // The local run asked each of the 20 distinct pairs twice of mini (two repeats) and twice of local (both orders).
        Assert.Equal((40, 40), (first.Requests.Count, second.Requests.Count));
        var azure = await AzuriteStores.CreateAsync(azurite, source, dataset);
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, azure.Runs, azure.Datasets, services =>
        {
            azure.AddCaches(services);
            services.AddLlmJudge(options => RealHostLlm.Configure(options, first.BaseUrl, budgetUsd: 2m));
        });

        var done = await harness.RunToCompletionAsync(request, "judge-set");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var pairs = await azure.ReadAsync(done.InstanceId, RunArtifacts.Pairs);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_temp.Path, "local", RunArtifacts.Pairs)), pairs);
        var header = System.Text.Encoding.UTF8.GetString(pairs!).Split('\n')[0];
        Assert.Contains("h70_pred,h70_score", header, StringComparison.Ordinal);
        Assert.Contains("mini_error,mini@1_pred", header, StringComparison.Ordinal);
        Assert.Contains("mini@2_error,local_pred", header, StringComparison.Ordinal);
        Assert.Contains("local_error,local@ab_pred", header, StringComparison.Ordinal);
        Assert.EndsWith("local@ba_reasoning,local@ba_error", header.TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Equal(LocalStatistics().ToJsonString(), (await StatisticsAsync(azure, done.InstanceId)).ToJsonString());
        var result = done.ReadOutputAs<RunResult>()!;
        Assert.Equal(["h70", "kimera", "local", "mini"], result.Judges.Keys.Order(StringComparer.Ordinal));
        Assert.All(result.Judges.Values, j => Assert.Equal(0, j.Errors));
    }

    [Fact]
    public async Task The_llm_judge_runs_each_chunk_on_its_share_of_the_limits_and_budget()
    {
        const string dataset = "mixed_quick.csv";
        await using var server = await FakeOpenAiServer.StartAsync();
        var azure = await AzuriteStores.CreateAsync(azurite, DatasetPath(dataset), dataset);
        RecordingLlmJudgeSource? recorder = null;
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, azure.Runs, azure.Datasets, services =>
        {
            azure.AddCaches(services);
            services.AddLlmJudge(options => RealHostLlm.Configure(options, server.BaseUrl, budgetUsd: 2m));
            services.AddSingleton<ILlmJudgeSource>(provider =>
                recorder = new RecordingLlmJudgeSource(ActivatorUtilities.CreateInstance<LlmJudgeSource>(provider)));
        });
        var request = DurableHarness.Request(dataset, chunkSize: 5, maxParallelChunks: 3, judges: ["kimera", "llm"], llm: new LlmRateLimits(600, 90_000));

        var done = await harness.RunToCompletionAsync(request, "llm");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        // 4 chunks, 3 in flight: 600 / 3 = 200 requests and 90 000 / 3 = 30 000 tokens a minute each; each chunk a quarter of the budget.
        Assert.Equal(Enumerable.Repeat((200, 30_000), 4), recorder!.Shares);
        Assert.Equal(Enumerable.Repeat(0.25m, 4), recorder.Fractions);
        var result = done.ReadOutputAs<RunResult>()!;
        Assert.Equal(0, result.Judges["llm"].Errors);
        // The preflight request, then one per pair: the 20 pairs of mixed_quick.csv are distinct.
        Assert.Equal(1 + 20, server.Requests.Count);
        var header = System.Text.Encoding.UTF8.GetString((await azure.ReadAsync("llm", RunArtifacts.Pairs))!).Split('\n')[0];
        Assert.Contains("llm_pred", header, StringComparison.Ordinal);
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
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, faulty, azure.Datasets, azure.AddCaches);

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
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, broken, azure.Datasets, azure.AddCaches);

        var done = await harness.RunToCompletionAsync(DurableHarness.Request(dataset, chunkSize: 5, maxAttempts: 3), "broken");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(3, attempts);
        // The same error on both backends, though the Azure Storage one keeps it only in the serialized output.
        var error = RunError.Of(done)!;
        Assert.Equal("Microsoft.DurableTask.TaskFailedException", error.Type);
        Assert.StartsWith("Task 'ProcessChunk' (#", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("failed with an unhandled exception: injected: chunk 2 cannot be written", error.Message, StringComparison.Ordinal);
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
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, gated, azure.Datasets, azure.AddCaches);
        await harness.Client.ScheduleNewOrchestrationInstanceAsync(
            OrchestrationNames.Orchestrator, DurableHarness.Request(dataset, chunkSize: 5, maxParallelChunks: 1), new StartOrchestrationOptions("progress"));

        RunStatus? seen = null;
        using (var timeout = new CancellationTokenSource(harness.RunCap))
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
        var done = await harness.WaitAsync("progress");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new RunStatus(RunStages.Completed, 10, 10, 50, 50), done.ReadCustomStatusAs<RunStatus>());
    }

    [Fact]
    public async Task A_missing_dataset_fails_the_run_at_once_naming_it()
    {
        var azure = await AzuriteStores.CreateAsync(azurite, DatasetPath("mixed_quick.csv"), "mixed_quick.csv");
        var lookups = 0;
        var counting = new CountingResolver(azure.Datasets, () => Interlocked.Increment(ref lookups));
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, azure.Runs, counting, azure.AddCaches);

        var done = await harness.RunToCompletionAsync(DurableHarness.Request("absent.csv", maxAttempts: 4), "absent");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var error = RunError.Of(done)!;
        Assert.Equal("Microsoft.DurableTask.TaskFailedException", error.Type);
        Assert.Equal("Task 'PlanRun' (#0) failed with an unhandled exception: Dataset 'absent.csv' does not exist.", error.Message);
        // A missing dataset stays missing: one attempt of the four allowed.
        Assert.Equal(1, lookups);
    }

    [Fact]
    public async Task A_run_whose_llm_estimate_is_over_its_budget_is_refused_before_any_chunk_starts()
    {
        const string dataset = "mixed_quick.csv";
        await using var server = await FakeOpenAiServer.StartAsync();
        var azure = await AzuriteStores.CreateAsync(azurite, DatasetPath(dataset), dataset);
        var lookups = 0;
        var counting = new CountingResolver(azure.Datasets, () => Interlocked.Increment(ref lookups));
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, azure.Runs, counting, services =>
        {
            azure.AddCaches(services);
            // A millionth of a dollar: 20 pairs cannot be judged for that.
            services.AddLlmJudge(options => RealHostLlm.Configure(options, server.BaseUrl, budgetUsd: 0.000001m));
        });
        var request = DurableHarness.Request(dataset, chunkSize: 5, judges: ["kimera", "llm"], llm: new LlmRateLimits(600, 90_000), maxAttempts: 4);

        var done = await harness.RunToCompletionAsync(request, "refused");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var error = RunError.Of(done)!;
        Assert.StartsWith(
            "Task 'PlanRun' (#0) failed with an unhandled exception: the LLM cost estimate is over the run's budget (budgetUsd, else Kimera:Llm:BudgetUsd): LLM judge estimate: 20 pairs",
            error.Message,
            StringComparison.Ordinal);
        // Refused once (not retried), before any chunk: no LLM request, no chunk results, planning stopped at the progress it had.
        Assert.Equal(1, lookups);
        Assert.Empty(server.Requests);
        Assert.Null(await azure.ReadAsync("refused", RunArtifacts.ChunkResults(0)));
        Assert.Equal(RunStages.Planning, done.ReadCustomStatusAs<RunStatus>()!.Stage);
    }

    [Fact]
    public async Task A_run_against_a_dead_llm_endpoint_fails_in_its_plan_with_the_preflight_message()
    {
        const string dataset = "mixed_quick.csv";
        // Nothing listens there: the preflight request is refused at once.
        var dead = FakeOpenAiServer.ClosedPortUrl();
        var azure = await AzuriteStores.CreateAsync(azurite, DatasetPath(dataset), dataset);
        var lookups = 0;
        var counting = new CountingResolver(azure.Datasets, () => Interlocked.Increment(ref lookups));
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, azure.Runs, counting, services =>
        {
            azure.AddCaches(services);
            services.AddLlmJudge(options => RealHostLlm.Configure(options, dead, budgetUsd: null));
        });
        var request = DurableHarness.Request(dataset, chunkSize: 5, judges: ["kimera", "llm"], llm: new LlmRateLimits(600, 90_000), maxAttempts: 4);

        var done = await harness.RunToCompletionAsync(request, "dead-llm");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var message = RunError.Of(done)!.Message;
        // kimera run's message, with the serverless app's settings to check.
        Assert.StartsWith(
            $"Task 'PlanRun' (#0) failed with an unhandled exception: the LLM endpoint {dead} (model {RealHostLlm.Model}) did not answer a test request: connection refused",
            message,
            StringComparison.Ordinal);
        Assert.EndsWith(
            ". Nothing was judged. Check Kimera:Llm:Endpoint, Kimera:Llm:Model and OPENAI_API_KEY (or Kimera:Llm:ApiKey), or leave the LLM out (judges: [\"kimera\"]).",
            message,
            StringComparison.Ordinal);
        // Refused once (not retried), before any chunk.
        Assert.Equal(1, lookups);
        Assert.Null(await azure.ReadAsync("dead-llm", RunArtifacts.ChunkResults(0)));
        Assert.Equal(RunStages.Planning, done.ReadCustomStatusAs<RunStatus>()!.Stage);
    }

    [Fact]
    public async Task A_restarted_run_counts_what_its_earlier_run_spent_against_the_budget()
    {
        const string dataset = "mixed_quick.csv";
        // $1 per output token and none per input token: each request costs its completion tokens in dollars, and the
        // estimate prices each pair at its 16 output tokens at most.
        static void Llm(LlmJudgeOptions options, Uri endpoint, decimal budget)
        {
            RealHostLlm.Configure(options, endpoint, budget);
            options.PriceInputPerMillion = 0m;
            options.PriceOutputPerMillion = 1_000_000m;
            options.MaxOutputTokens = 16;
        }

        // One server for both runs (its URL is part of the plan's fingerprint, so the restart reuses the plan).
        await using var server = await FakeOpenAiServer.StartAsync();
        var azure = await AzuriteStores.CreateAsync(azurite, DatasetPath(dataset), dataset);
        // Chunk 2 cannot write its results: the first run fails there, after judging its pairs.
        var failing = new InterceptingRunStoreFactory(azure.Runs, (_, name) =>
            name == RunArtifacts.ChunkResults(2) ? throw new IOException("injected: storage unavailable while writing chunk 2") : Task.CompletedTask);
        // No judgement cache: the restart's estimate prices every pair of the chunks not done.
        var request = DurableHarness.Request(dataset, chunkSize: 5, maxParallelChunks: 1, judges: ["kimera", "llm"], llm: new LlmRateLimits(600, 90_000), maxAttempts: 1);
        await using (var first = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, failing, azure.Datasets, services =>
        {
            services.AddSingleton<Kimera.Engine.Embeddings.IEmbeddingCache>(azure.Embeddings);
            services.AddLlmJudge(options => Llm(options, server.BaseUrl, budget: 1_000m));
        }))
        {
            var failed = await first.RunToCompletionAsync(request, "restarted");
            Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        }

        // The first run paid for the preflight request (the run's record), chunks 0 and 1 (their summaries) and chunk 2's
        // failed attempt (its record): 1 + 15 requests, all of them in the ledger.
        Assert.Equal(1 + 15, server.Requests.Count);
        var spent = server.Requests.Sum(r => r.CompletionTokens * 1m);
        var store = azure.Runs.ForRun("restarted");
        var plan = (await PipelineJson.ReadAsync<Kimera.Pipeline.Model.RunPlan>(store, RunArtifacts.Plan, CancellationToken.None))!;
        var (inChunks, notDone) = await LlmSpendLedger.ReadChunksAsync(plan, store, JudgeNames.Llm);
        Assert.Equal([2, 3], notDone);
        Assert.Equal(server.Requests[0].CompletionTokens * 1m, await LlmSpendLedger.ReadUnaccountedAsync(store, RunArtifacts.LlmSpend));
        Assert.Equal(spent, inChunks + await LlmSpendLedger.ReadUnaccountedInRunAsync(plan, store, JudgeNames.Llm));

        // Restarted (same instance, same run store) with a budget of exactly what was spent: nothing is left for the 10 pairs
        // of chunks 2 and 3, so the run is refused before any request, the earlier spend named.
        await using var second = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, azure.Runs, azure.Datasets, services =>
        {
            services.AddSingleton<Kimera.Engine.Embeddings.IEmbeddingCache>(azure.Embeddings);
            services.AddLlmJudge(options => Llm(options, server.BaseUrl, budget: spent));
        });

        var done = await second.RunToCompletionAsync(request, "restarted");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var message = RunError.Of(done)!.Message;
        var figure = spent.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith(
            "Task 'PlanRun' (#0) failed with an unhandled exception: the LLM cost estimate is over the run's budget (budgetUsd, else Kimera:Llm:BudgetUsd): LLM judge estimate: 10 pairs and the preflight request, at most ",
            message,
            StringComparison.Ordinal);
        Assert.EndsWith(
            $"; budget $0 - over budget, refusing to start (left of the run's budget (budgetUsd, else Kimera:Llm:BudgetUsd) ${figure} after ${figure} spent by earlier runs into this run). Raise the budget or plan fewer pairs (sample or maxPairs).",
            message,
            StringComparison.Ordinal);
        Assert.Equal(1 + 15, server.Requests.Count);
    }

    [Fact]
    public async Task A_file_that_is_not_a_dataset_fails_the_run_at_once_with_the_format_error()
    {
        var bad = _temp.File("bad.csv");
        await File.WriteAllTextAsync(bad, "foo,bar\n1,2\n");
        var azure = await AzuriteStores.CreateAsync(azurite, bad, "bad.csv");
        var lookups = 0;
        var counting = new CountingResolver(azure.Datasets, () => Interlocked.Increment(ref lookups));
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, azure.Runs, counting, azure.AddCaches);

        var done = await harness.RunToCompletionAsync(DurableHarness.Request("bad.csv", maxAttempts: 4), "bad");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var error = RunError.Of(done)!;
        Assert.Equal("Microsoft.DurableTask.TaskFailedException", error.Type);
        Assert.Contains("the header 'foo,bar' has none of the known column sets", error.Message, StringComparison.Ordinal);
        // The retry policy recognised the Kimera exception type in the failure details (on the real backend, parsed back by the
        // extension from the worker's serialized failure): one attempt of the four allowed.
        Assert.Equal(1, lookups);
    }

    [Fact]
    public async Task A_dataset_that_gives_no_pair_fails_the_run_at_once_saying_why()
    {
        var none = _temp.File("dangling.csv");
        await File.WriteAllTextAsync(none, "id,lang,text,label_contradict_id\ng1,en,The sky is blue.,g99\ng2,en,The sky is not blue.,g98\n");
        var azure = await AzuriteStores.CreateAsync(azurite, none, "dangling.csv");
        var lookups = 0;
        var counting = new CountingResolver(azure.Datasets, () => Interlocked.Increment(ref lookups));
        await using var harness = await DurableHarness.StartAsync(backend, azurite, fixture.Embedder, azure.Runs, counting, azure.AddCaches);

        var done = await harness.RunToCompletionAsync(DurableHarness.Request("dangling.csv", maxAttempts: 4), "none");

        // Both rows name ids no row has: both are bad rows, and the run is refused with the words kimera run uses.
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(
            "Task 'PlanRun' (#0) failed with an unhandled exception: dangling.csv: no pair to run: 2 rows read, all 2 bad " +
            "(first: line 2 (id g1): label_contradict_id 'g99' names no row of the file)",
            RunError.Of(done)!.Message);
        // Refused once (not retried), with no plan and no chunk.
        Assert.Equal(1, lookups);
        Assert.Null(await azure.ReadAsync("none", RunArtifacts.Plan));
        Assert.Null(await azure.ReadAsync("none", RunArtifacts.ChunkPairs(0)));
    }

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The most history rows one instance may hold when no activity is retried, for a fan-out of <paramref name="fanOut"/>
    /// (docs/architecture.md): see <see cref="HistoryBounds"/>.</summary>
    private static int HistoryBound(int fanOut) => HistoryBounds.RowsPerInstance(fanOut);

    private static string DatasetPath(string name) =>
        name == "sample_pairs.csv" ? RepoPaths.Samples(name) : RepoPaths.TestData(name);

    private JsonNode LocalStatistics() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(_temp.Path, "local", RunArtifacts.Report)))!["statistics"]!;

    private static async Task<JsonNode> StatisticsAsync(AzuriteStores azure, string runId) =>
        JsonNode.Parse((await azure.ReadAsync(runId, RunArtifacts.Report))!)!["statistics"]!;

    private JsonNode LocalDatasetFacts() =>
        WithoutSource(JsonNode.Parse(File.ReadAllText(Path.Combine(_temp.Path, "local", RunArtifacts.Report)))!["dataset"]!);

    private static async Task<JsonNode> DatasetFactsAsync(AzuriteStores azure, string runId) =>
        WithoutSource(JsonNode.Parse((await azure.ReadAsync(runId, RunArtifacts.Report))!)!["dataset"]!);

    private static JsonNode WithoutSource(JsonNode dataset)
    {
        dataset.AsObject().Remove("source");
        return dataset;
    }

    private sealed class CountingResolver(IDatasetSourceResolver inner, Action counted) : IDatasetSourceResolver
    {
        public Task<Kimera.Datasets.DatasetSource?> ResolveAsync(string datasetName, CancellationToken cancellationToken = default)
        {
            counted();
            return inner.ResolveAsync(datasetName, cancellationToken);
        }
    }
}
