using System.Text.Json.Nodes;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Storage.Sqlite;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Llm.Tests;

/// <summary>An LLM judge asked each pair several times: distinct cache entries per repeat, the majority as its verdict,
/// and several LLM judges built from definitions (own endpoint and name; one endpoint's limits shared).</summary>
public sealed class LlmRepeatsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Three_repeats_ask_three_times_keep_each_answer_and_take_the_majority_then_come_from_the_cache()
    {
        // The server flips its 2nd answer for the same statements: per pair the three answers are v, !v, v.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { FlipEvenAsks = true });
        var cache = new SqliteJudgementCache(_temp.File("cache.db"));
        JudgeInput[] pairs = [TestPairs.Pair("p0", "The sky is blue.", "The sky is not blue."), TestPairs.Pair("p1", "Cats purr.", "Cats purr loudly.")];

        IReadOnlyList<Judgement> verdicts;
        using (var judge = JudgeFactory.Create(server, o => o.Repeats = 3, cache))
        {
            verdicts = await judge.JudgeManyAsync(pairs);
        }

        Assert.Equal(6, server.Requests.Count);
        // Pair 0: the fake model says contradiction (0.9), once the opposite (no contradiction at 0.8 → score 0.2):
        // mean (0.9 + 0.2 + 0.9) / 3 = 0.6667 → a contradiction. Pair 1: (0.2 + 0.9 + 0.2) / 3 = 0.4333 → none, confidence 0.5667.
        Assert.True(verdicts[0].IsContradiction);
        Assert.Equal(2.0 / 3, verdicts[0].Confidence!.Value, 9);
        Assert.False(verdicts[1].IsContradiction);
        Assert.Equal(1 - (1.3 / 3), verdicts[1].Confidence!.Value, 9);
        Assert.Equal(2, verdicts[0].Repeats!.Count(r => r.IsContradiction == true));
        Assert.Equal(1, verdicts[1].Repeats!.Count(r => r.IsContradiction == true));
        Assert.Equal(3, verdicts[0].Usage!.Requests);

        // Each repeat is its own cache entry: the same judge again sends nothing and finds the same three answers.
        using var again = JudgeFactory.Create(server, o => o.Repeats = 3, cache);
        var cached = await again.JudgeManyAsync(pairs);
        Assert.Equal(6, server.Requests.Count);
        Assert.Equal(verdicts.Select(v => v.Score), cached.Select(v => v.Score));
        Assert.True(cached[0].Usage!.FromCache);

        // A judge asked once shares the first repeat's entry, and only that one.
        using var once = JudgeFactory.Create(server, cache: cache);
        Assert.Equal(once.CacheKey("a", "b"), again.CacheKey("a", "b", repeat: 0));
        Assert.NotEqual(again.CacheKey("a", "b", repeat: 1), again.CacheKey("a", "b", repeat: 2));
        await once.JudgeManyAsync(pairs);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task Judges_from_definitions_get_their_own_names_endpoints_and_models_and_their_part_of_the_budget()
    {
        await using var first = await FakeOpenAiServer.StartAsync();
        await using var second = await FakeOpenAiServer.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLlmJudge(options =>
        {
            options.ApiKey = JudgeFactory.ApiKey;
            options.Endpoint = first.BaseUrl;
            options.BudgetUsd = 1m;
        });
        using var provider = services.BuildServiceProvider();
        var catalog = new JudgeCatalog(new KimeraEngineOptions(), provider.GetRequiredService<ILlmJudgeSource>());
        JudgeDefinition[] judges =
        [
            new() { Name = "mini", Kind = JudgeKinds.Llm, BudgetShare = 0.25m },
            new() { Name = "k50", Kind = JudgeKinds.Kimera, Options = new Dictionary<string, string> { ["ResonanceThreshold"] = "0.5" } },
            new()
            {
                Name = "local", Kind = JudgeKinds.Llm, Endpoint = second.BaseUrl.ToString(), Model = "llama3.1", Temperature = 0,
                // A model the profiles do not know: a budget needs its prices, 0 for one hosted here.
                PriceInputPerMillion = 0m, PriceOutputPerMillion = 0m,
            },
        ];

        using var set = catalog.Create(judges);
        Assert.Equal(["mini", "k50", "local"], set.Judges.Select(j => j.Name));
        JudgeInput[] pairs = [TestPairs.Pair("p0", "The sky is blue.", "The sky is not blue.")];
        await Task.WhenAll(set.Judges.OfType<LlmJudge>().Select(j => j.JudgeManyAsync(pairs)));

        Assert.Equal("gpt-4o-mini", Model(Assert.Single(first.Requests)));
        Assert.Equal("llama3.1", Model(Assert.Single(second.Requests)));
        // The budget: 0.25 to mini, the 0.75 left to local.
        Assert.Equal([0m, 0m, 0.25m, 0m, 0.75m], [0m, .. JudgeCatalog.BudgetFractions([judges[1], .. judges])]);
        var salt = catalog.ResultSalt("minilm", judges);
        Assert.Equal($"embedding:minilm|llm:{first.BaseUrl}|gpt-4o-mini|contradiction-v1|0.1|kimera k50:ResonanceThreshold=0.5|llm:{second.BaseUrl}|llama3.1|contradiction-v1|0", salt);
    }

    [Fact]
    public void Judges_on_one_endpoint_share_its_rate_buckets_shaped_by_the_lowest_limit_and_other_endpoints_get_their_own()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLlmJudge(options => options.ApiKey = JudgeFactory.ApiKey);
        using var provider = services.BuildServiceProvider();
        var source = provider.GetRequiredService<ILlmJudgeSource>();
        JudgeDefinition[] judges =
        [
            new() { Name = "a", Kind = JudgeKinds.Llm, Endpoint = "http://127.0.0.1:9/v1", RequestsPerMinute = 300 },
            new() { Name = "b", Kind = JudgeKinds.Llm, Endpoint = "http://127.0.0.1:9/v1/", Model = "other", RequestsPerMinute = 120 },
            new() { Name = "c", Kind = JudgeKinds.Llm, Endpoint = "http://127.0.0.1:10/v1", RequestsPerMinute = 300 },
        ];

        using var group = source.Create(judges, [0.5m, 0.25m, 0.25m], new LlmShare(null, null, 1m));
        var built = group.Judges.Cast<LlmJudge>().ToArray();

        Assert.Same(built[0].Gate, built[1].Gate);
        Assert.NotSame(built[0].Gate, built[2].Gate);
        Assert.Equal(120, built[0].Gate.RequestsPerWindow);
        Assert.Equal(300, built[2].Gate.RequestsPerWindow);

        // A durable chunk, one of 4 in flight, takes a quarter of a judge's own limit.
        using var chunk = source.Create([judges[2]], [1m], new LlmShare(125, 50_000, 0.25m, ChunksInFlight: 4));
        Assert.Equal(75, ((LlmJudge)chunk.Judges[0]).Gate.RequestsPerWindow);
    }

    private static string Model(RecordedRequest request) => JsonNode.Parse(request.Body)!["model"]!.GetValue<string>();

    public void Dispose() => _temp.Dispose();
}
