using Kimera.Storage.Sqlite;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Llm.Tests;

public sealed class LlmJudgeCacheAndBudgetTests
{
    [Fact]
    public async Task The_second_run_of_a_dataset_sends_no_request()
    {
        using var temp = new TempDirectory();
        var cachePath = temp.File("kimera.db");
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { Seed = 5, ServerErrorProbability = 0.1 });
        var pairs = TestPairs.Make(50);

        using var first = JudgeFactory.Create(server, cache: new SqliteJudgementCache(cachePath));
        var firstResults = await first.JudgeManyAsync(pairs);
        var requestsAfterFirstRun = server.Requests.Count;

        using var second = JudgeFactory.Create(server, cache: new SqliteJudgementCache(cachePath));
        var estimate = await second.EstimateAsync(pairs);
        var secondResults = await second.JudgeManyAsync(pairs);

        Assert.True(requestsAfterFirstRun >= 50);
        Assert.Equal(requestsAfterFirstRun, server.Requests.Count);
        // Same verdicts; the usage says where each came from: every request the server saw, charged to its pair, then the cache.
        Assert.Equal(firstResults.Select(j => j with { Usage = null }), secondResults.Select(j => j with { Usage = null }));
        Assert.Equal(requestsAfterFirstRun, firstResults.Sum(j => j.Usage!.Requests));
        Assert.All(secondResults, j => Assert.Equal(new Kimera.Judging.JudgeUsage(FromCache: true), j.Usage));
        Assert.Equal(50, second.Stats.CacheHits);
        Assert.Equal(0, second.Stats.Requests);
        Assert.Equal(0m, second.Stats.CostUsd);
        Assert.Equal(0, estimate.Pairs);
        Assert.Equal(0m, estimate.CostUsd);
    }

    [Fact]
    public async Task Errors_are_not_cached_so_the_next_run_asks_again()
    {
        using var temp = new TempDirectory();
        var cachePath = temp.File("kimera.db");
        await using var garbling = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { GarbledAnswerProbability = 1.0 });
        using (var failing = JudgeFactory.Create(garbling, o => o.MaxParseAttempts = 1, new SqliteJudgementCache(cachePath)))
        {
            Assert.All(await failing.JudgeManyAsync(TestPairs.Make(3)), r => Assert.False(r.IsJudged));
        }

        await using var healthy = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(healthy, o => o.Endpoint = healthy.BaseUrl, new SqliteJudgementCache(cachePath));
        var results = await judge.JudgeManyAsync(TestPairs.Make(3));

        Assert.Equal(3, healthy.Requests.Count);
        Assert.All(results, r => Assert.True(r.IsJudged));
    }

    [Fact]
    public async Task A_run_estimated_over_budget_is_refused_before_any_request()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.PriceInputPerMillion = 1m;
            o.PriceOutputPerMillion = 2m;
            o.MaxOutputTokens = 200;
            o.BudgetUsd = 0.001m;
        });
        var pairs = TestPairs.Make(10);

        var estimate = await judge.EstimateAsync(pairs);

        // Output side alone: 10 pairs and the preflight request x 200 tokens x $2/M = $0.0044 > $0.001.
        Assert.Equal((10, 1), (estimate.Pairs, estimate.PreflightRequests));
        Assert.Equal(2200, estimate.OutputTokens);
        var promptTokens = pairs.Sum(p => (long)judge.Estimator.PromptTokens(p.First.Echo, p.Second.Echo))
            + judge.Estimator.PromptTokens(LlmJudge.PreflightPair.First, LlmJudge.PreflightPair.Second);
        Assert.Equal(promptTokens, estimate.InputTokens);
        Assert.Equal((promptTokens * 1m + 2200 * 2m) / 1_000_000m, estimate.CostUsd);
        Assert.True(estimate.ExceedsBudget);
        Assert.Contains("over budget", estimate.Describe(), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Spending_stops_at_the_budget_and_the_rest_are_budget_skipped_errors()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        const decimal budget = 0.1m;
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.MaxConcurrency = 1;
            o.PriceInputPerMillion = 100m;
            o.PriceOutputPerMillion = 100m;
            o.MaxOutputTokens = 50;
            o.BudgetUsd = budget;
        });
        var pairs = TestPairs.Make(40);

        var results = await judge.JudgeManyAsync(pairs);

        var judged = results.Count(r => r.IsJudged);
        var skipped = results.Count(r => r.Error == LlmJudge.BudgetExhaustedError);
        Assert.Equal(40, judged + skipped);
        Assert.InRange(judged, 1, 39);
        Assert.Equal(judged, server.Requests.Count);
        // Independent cost: the fake server bills words of the request's messages and of its answer, $100 per million.
        var billed = server.Requests.Sum(r => (long)FakeOpenAiServer.PromptWords(r.Body) + CompletionWords(r));
        var stats = judge.Stats;
        Assert.Equal(billed * 100m / 1_000_000m, stats.CostUsd);
        Assert.True(stats.CostUsd <= budget);
        Assert.Equal(skipped, stats.BudgetSkipped);
        // It stopped only when one more worst-case call could have gone over.
        var worstCase = pairs.Where((_, i) => !results[i].IsJudged)
            .Max(p => judge.Estimator.WorstCaseCost(judge.Estimator.PromptTokens(p.First.Echo, p.Second.Echo)));
        Assert.True(stats.CostUsd + worstCase > budget);
    }

    private static int CompletionWords(RecordedRequest request)
    {
        var (first, second) = SplitPair(request.PairKey);
        var contradiction = FakeModel.IsContradiction(first, second);
        // Split on whitespace, {"contradiction":true,"confidence":0.9,"reasoning":"exactly one statement is negated"}
        // has 5 words and {"contradiction":false,"confidence":0.8,"reasoning":"no negation difference"} has 3.
        return contradiction ? 5 : 3;
    }

    private static (string First, string Second) SplitPair(string key)
    {
        var parts = key.Split('\u241E');
        return (parts[0], parts[1]);
    }
}
