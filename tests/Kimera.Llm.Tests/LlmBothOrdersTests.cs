using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Storage.Sqlite;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Llm.Tests;

/// <summary>An LLM judge asked each pair in both orders: twice the requests, the two orders as different cache entries, each
/// order's verdict kept and one verdict from the mean score of both, against a fake model with a position bias.</summary>
public sealed class LlmBothOrdersTests : IDisposable
{
    private const string Marker = "[first]";

    private readonly TempDirectory _temp = new();

    // The fake model says contradiction exactly when the first statement has the marker: pairs 0 and 1 flip with the order.
    private static readonly JudgeInput[] Pairs =
    [
        TestPairs.Pair("p0", $"{Marker} The sky is blue.", "The sky is green."),
        TestPairs.Pair("p1", "Cats purr.", $"{Marker} Cats bark."),
        TestPairs.Pair("p2", "Water is wet.", "Water is damp."),
        TestPairs.Pair("p3", $"{Marker} Fire is hot.", $"{Marker} Fire is cold."),
    ];

    [Fact]
    public async Task Each_pair_is_asked_in_both_orders_and_the_mean_score_of_the_two_decides()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { FirstStatementMarker = Marker });
        var cache = new SqliteJudgementCache(_temp.File("cache.db"));

        IReadOnlyList<Judgement> verdicts;
        using (var judge = JudgeFactory.Create(server, o => o.BothOrders = true, cache))
        {
            Assert.Equal(8, (await judge.EstimateAsync(Pairs)).Pairs);
            verdicts = await judge.JudgeManyAsync(Pairs);
        }

        // 2 requests per pair.
        Assert.Equal(8, server.Requests.Count);
        Assert.All(verdicts, v => Assert.Equal(2, v.Usage!.Requests));
        // Each order's own verdict: (text1, text2) then (text2, text1).
        Assert.Equal([(true, false), (false, true), (false, false), (true, true)], verdicts.Select(v => (v.Orders![0].IsContradiction!.Value, v.Orders[1].IsContradiction!.Value)));
        // p0 and p1: one order says contradiction (score 0.9), the other none at 0.8 (score 0.2): mean 0.55 > 0.5, a
        // contradiction with confidence 0.55. p2: both 0.2, none at 0.8. p3: both 0.9, a contradiction at 0.9.
        Assert.Equal([true, true, false, true], verdicts.Select(v => v.IsContradiction!.Value));
        Assert.Equal([0.55, 0.55, 0.8, 0.9], verdicts.Select(v => Math.Round(v.Confidence!.Value, 9)));
        Assert.Equal("both orders: mean score 0.55 of 2 answers (1 contradiction, 1 not); (text1, text2) contradiction, (text2, text1) no contradiction", verdicts[0].Reasoning);
        Assert.Null(verdicts[0].Repeats);

        // The two orders are different prompts, so different cache entries; the forward one is a one-order judge's.
        using var again = JudgeFactory.Create(server, o => o.BothOrders = true, cache);
        using var once = JudgeFactory.Create(server, cache: cache);
        Assert.NotEqual(again.CacheKey("a", "b"), again.CacheKey("b", "a"));
        Assert.Equal(once.CacheKey("a", "b"), again.CacheKey("a", "b"));
        Assert.Equal(0, (await again.EstimateAsync(Pairs)).Pairs);
        var cached = await again.JudgeManyAsync(Pairs);
        Assert.Equal(8, server.Requests.Count);
        Assert.Equal(verdicts.Select(v => v.Score), cached.Select(v => v.Score));
        var single = await once.JudgeManyAsync(Pairs);
        Assert.Equal(8, server.Requests.Count);
        Assert.Equal([true, false, false, true], single.Select(v => v.IsContradiction!.Value));
    }

    [Fact]
    public async Task Both_orders_with_repeats_ask_each_order_k_times_and_keep_the_forward_repeats()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { FirstStatementMarker = Marker });
        using var judge = JudgeFactory.Create(server, o => { o.BothOrders = true; o.Repeats = 3; });

        var verdicts = await judge.JudgeManyAsync(Pairs[..1]);

        Assert.Equal(6, server.Requests.Count);
        var verdict = Assert.Single(verdicts);
        Assert.Equal(3, verdict.Repeats!.Count);
        Assert.All(verdict.Repeats, r => Assert.True(r.IsContradiction));
        Assert.Equal([true, false], verdict.Orders!.Select(o => o.IsContradiction!.Value));
        // Three answers at 0.9 and three at 0.2: mean 0.55.
        Assert.Equal(0.55, verdict.Confidence!.Value, 9);
    }

    [Fact]
    public void A_judge_definition_asks_both_orders_and_changes_the_fingerprint()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLlmJudge(options =>
        {
            options.ApiKey = JudgeFactory.ApiKey;
            options.Endpoint = new Uri("http://127.0.0.1:9/v1/");
        });
        using var provider = services.BuildServiceProvider();
        var source = (LlmJudgeSource)provider.GetRequiredService<ILlmJudgeSource>();

        var both = new JudgeDefinition { Name = "llm", Kind = JudgeKinds.Llm, BothOrders = true };

        Assert.True(source.OptionsFor(both).BothOrders);
        Assert.False(source.OptionsFor(JudgeDefinition.FromShorthand("llm")).BothOrders);
        Assert.False(both.IsShorthand);
        Assert.Equal("llm:http://127.0.0.1:9/v1/|gpt-4o-mini|contradiction-v1|0.1|both orders", source.ResultSalt(both));
        Assert.Equal(["llm", "llm@ab", "llm@ba"], JudgeSetColumns.Of([both]));
        Assert.Equal(["mini", "mini@1", "mini@2", "mini@ab", "mini@ba"], JudgeSetColumns.Of([new JudgeDefinition { Name = "mini", Kind = JudgeKinds.Llm, BothOrders = true, Repeats = 2 }]));
    }

    public void Dispose() => _temp.Dispose();
}
