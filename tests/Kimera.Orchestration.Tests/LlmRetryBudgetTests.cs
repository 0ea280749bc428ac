using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.RealHost;
using Kimera.Orchestration.Tests.Support;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Orchestration.Tests;

/// <summary>Issue 12, item 1: a chunk retried by the durable engine does not spend its share of the LLM budget twice
/// (<see cref="Activities.ProcessChunkActivity"/>, <see cref="LlmSpendLedger"/>). On the in-memory durable backend.</summary>
[Collection(DurableCollection.Name)]
[Trait("Category", "Azurite")]
public sealed class LlmRetryBudgetTests(EmbedderFixture fixture, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Dataset = "mixed_quick.csv";

    [Fact]
    public async Task A_chunk_retried_after_spending_gets_only_what_is_left_of_its_share()
    {
        // Prices chosen so every number is exact: input free, $1 an output token, at most 16 output tokens (the least
        // allowed). The fake model answers every pair of mixed_quick.csv "no contradiction" in 3 tokens, so a request costs
        // exactly $3 and reserves $16 (its worst case) before it is sent. $56 for the run, 20 pairs in 2 chunks of 10: each
        // chunk's share is $28. One request in flight, so the ledger's decisions come one after another: the 5th request
        // leaves $12 + $16 = $28 <= $28, the 6th would need $15 + $16 = $31: a chunk buys exactly 5 verdicts for $15.
        const decimal budget = 56m;
        const decimal share = 28m;
        const decimal perRequest = 3m;
        await using var server = await FakeOpenAiServer.StartAsync();
        var azure = await AzuriteStores.CreateAsync(azurite, RepoPaths.TestData(Dataset), Dataset);
        // Chunk 1's first attempt judges its pairs (spending $15), then cannot write its results: the activity fails after
        // spending, and the durable retry policy runs it again.
        var faults = 0;
        var faulty = new InterceptingRunStoreFactory(azure.Runs, (_, name) =>
            name == RunArtifacts.ChunkResults(1) && Interlocked.Increment(ref faults) == 1
                ? throw new IOException("injected: storage unavailable while writing chunk 1")
                : Task.CompletedTask);
        await using var harness = await DurableHarness.StartAsync(DurableBackend.InProcess, azurite, fixture.Embedder, faulty, azure.Datasets, services =>
        {
            azure.AddCaches(services);
            // The estimate before the fan-out would refuse this run (20 x $16 > $56); the per-chunk shares are the guard
            // under test. Registered before AddLlmJudge's default, this check (none) wins.
            services.AddSingleton<IPlanCheck>(new NoPlanCheck());
            services.AddLlmJudge(options =>
            {
                RealHostLlm.Configure(options, server.BaseUrl, budget);
                options.PriceInputPerMillion = 0m;
                options.PriceOutputPerMillion = 1_000_000m;
                options.MaxOutputTokens = 16;
                options.MaxConcurrency = 1;
            });
        });
        var request = DurableHarness.Request(Dataset, chunkSize: 10, maxParallelChunks: 2, judges: [JudgeNames.Kimera, JudgeNames.Llm], llm: new LlmRateLimits(600, 90_000));

        var done = await harness.RunToCompletionAsync(request, "retry-budget");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        // The first attempt threw on its results, the retry wrote them: two writes, one fault.
        Assert.Equal(2, faults);
        var store = azure.Runs.ForRun(done.InstanceId);

        // Every request was answered and billed $3 (0 input tokens priced, 3 output tokens at $1).
        var requests = server.Requests;
        Assert.All(requests, r => Assert.Equal((200, 3), (r.StatusCode, r.CompletionTokens)));
        var chunk1Pairs = ChunkPairs(1);
        var chunk1Requests = requests.Where(r => chunk1Pairs.Any(p => p.Key == r.PairKey)).ToArray();
        var chunk1Billed = chunk1Requests.Sum(r => BilledUsd(r));

        // The failed attempt recorded what it spent: 5 verdicts, $15.
        Assert.Equal(5 * perRequest, await LlmSpendLedger.ReadUnaccountedAsync(store, RunArtifacts.ChunkLlmSpend(1)));
        Assert.False(await store.ExistsAsync(RunArtifacts.ChunkLlmSpend(0)));
        // The retry started from $15 spent: $15 + $16 > $28, so it bought nothing. Chunk 1 was billed $15 in all, within
        // its $28 share, and no pair of it was asked twice.
        Assert.Equal(5, chunk1Requests.Length);
        Assert.Equal(5, chunk1Requests.Select(r => r.PairKey).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(15m, chunk1Billed);
        Assert.True(chunk1Billed <= share, $"chunk 1 was billed ${chunk1Billed}, over its ${share} share");
        // Chunk 0 ran once: 5 verdicts for $15. The server saw 10 requests, $30 for the $56 run.
        Assert.Equal(10, requests.Count);
        Assert.Equal(30m, requests.Sum(r => BilledUsd(r)));

        // Nothing lost: each of the 20 pairs is in pairs.csv, judged or marked; chunk 1's 5 paid verdicts came back from
        // the judgement cache on the retry, its other 5 pairs are "budget exhausted".
        var rows = LlmColumns(await azure.ReadAsync(done.InstanceId, RunArtifacts.Pairs));
        Assert.Equal(20, rows.Count);
        Assert.All(rows.Values, row => Assert.True(
            row.Error == LlmJudge.BudgetExhaustedError || (row.Error.Length == 0 && row.Prediction.Length > 0),
            $"pair with llm_pred '{row.Prediction}' and llm_error '{row.Error}' is neither judged nor budget-skipped"));
        Assert.Equal(10, rows.Values.Count(row => row.Error == LlmJudge.BudgetExhaustedError));
        var chunk1Rows = chunk1Pairs.Select(p => rows[p.PairId]).ToArray();
        Assert.Equal(5, chunk1Rows.Count(row => row.Error.Length == 0));
        Assert.Equal(5, chunk1Rows.Count(row => row.Error == LlmJudge.BudgetExhaustedError));

        // The same retry with the mechanism bypassed: a judge on chunk 1's share that is not told what the failed attempt
        // spent. It finds the 5 paid verdicts in the cache and buys the other 5: $15 more, $30 for the chunk, over its $28.
        var source = (LlmJudgeSource)harness.Services.GetRequiredService<ILlmJudgeSource>();
        using (var unaware = source.CreateJudge(new LlmShare(300, 45_000, 0.5m)))
        {
            var verdicts = await unaware.JudgeManyAsync(chunk1Pairs.Select(p => p.Input).ToArray());
            Assert.Equal(10, verdicts.Count(v => v.IsJudged));
            Assert.Equal(5 * perRequest, unaware.Stats.CostUsd);
            Assert.True(chunk1Billed + unaware.Stats.CostUsd > share, "without the spend record the retry would have stayed within the share: the test would prove nothing");
        }

        Assert.Equal(15, server.Requests.Count);

        // The report bills what the server billed: $15 for chunk 0, $0 for chunk 1's retry and $15 for its failed attempt.
        var report = await azure.ReadAsync(done.InstanceId, RunArtifacts.Report);
        Assert.NotNull(report);
        using var json = System.Text.Json.JsonDocument.Parse(report);
        var llm = json.RootElement.GetProperty("judges").GetProperty(JudgeNames.Llm);
        Assert.Equal((30d, 15d), (llm.GetProperty("cost_usd").GetDouble(), llm.GetProperty("unfinished_attempts_cost_usd").GetDouble()));
    }

    /// <summary>What the fake server billed for one request at this test's prices: input free, $1 an output token.</summary>
    private static decimal BilledUsd(RecordedRequest request) => request.CompletionTokens * 1m;

    /// <summary>The pairs of chunk <paramref name="index"/> (10 rows of mixed_quick.csv), each with the fake server's key for it.</summary>
    private static (string PairId, string Key, JudgeInput Input)[] ChunkPairs(int index) =>
        [.. CsvRows.Read(RepoPaths.TestData(Dataset)).Skip(index * 10).Take(10).Select(row =>
        {
            var input = new JudgeInput(row["pair_id"], new Geoid(row["text1"], "en", [1f]), new Geoid(row["text2"], "en", [1f]));
            return (row["pair_id"], row["text1"] + "\u241E" + row["text2"], input);
        })];

    /// <summary>pairs.csv by pair id: the LLM judge's prediction and error.</summary>
    private static Dictionary<string, (string Prediction, string Error)> LlmColumns(byte[]? pairsCsv)
    {
        Assert.NotNull(pairsCsv);
        var rows = CsvRows.Read(new MemoryStream(pairsCsv));
        Assert.NotEmpty(rows);
        Assert.True(
            rows[0].ContainsKey("pair_id") && rows[0].ContainsKey("llm_pred") && rows[0].ContainsKey("llm_error"),
            "pairs.csv lacks pair_id, llm_pred or llm_error: " + string.Join(',', rows[0].Keys));
        return rows.ToDictionary(row => row["pair_id"], row => (row["llm_pred"], row["llm_error"]), StringComparer.Ordinal);
    }

    private sealed class NoPlanCheck : IPlanCheck
    {
        public Task CheckAsync(RunPlan plan, IArtifactStore store, IReadOnlyList<IPairJudge> judges, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
