using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Llm.Tests;

/// <summary>An endpoint that dies mid-run: the breaker opens on consecutive failures and, once it has stayed open for
/// UnavailableAfter, the judge marks the remaining pairs "judge unavailable: cause" instead of retrying for minutes.</summary>
public sealed class LlmJudgeUnavailableTests
{
    [Fact(Timeout = 60_000)]
    public async Task Forty_pairs_against_an_endpoint_that_answers_five_and_then_hangs_all_end_five_judged_and_35_unavailable()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { HangAfterAnswers = 5 });
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(10); // real time: it detects the hang; ample for the five answers on a loaded machine
            o.CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(500);
            o.UnavailableAfter = TimeSpan.FromSeconds(1);
        });
        var pairs = TestPairs.Make(40);

        var results = await judge.JudgeManyAsync(pairs);

        Assert.Equal(40, results.Count);
        Assert.Equal(5, results.Count(r => r.IsJudged));
        var failed = results.Where(r => !r.IsJudged).ToList();
        Assert.Equal(35, failed.Count);
        Assert.All(failed, r => Assert.Equal(LlmJudge.UnavailablePrefix + "no answer within 10 s", r.Error));

        // Far fewer requests than 35 pairs × 7 attempts: the open circuit stopped them.
        Assert.True(server.Requests.Count < 35 * 2, $"{server.Requests.Count} requests");
    }

    [Fact(Timeout = 60_000)]
    public async Task Consecutive_refused_connections_open_the_breaker_and_make_the_judge_unavailable()
    {
        await using var unused = await FakeOpenAiServer.StartAsync();
        var closed = FakeOpenAiServer.ClosedPortUrl();
        using var judge = JudgeFactory.Create(unused, o =>
        {
            o.Endpoint = closed;
            o.MaxRetries = 100;
            o.CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(500);
            o.UnavailableAfter = TimeSpan.FromSeconds(1);
        });

        var results = await judge.JudgeManyAsync(TestPairs.Make(20));

        Assert.All(results, r => Assert.StartsWith(LlmJudge.UnavailablePrefix + "connection refused (", r.Error, StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_answer_after_the_outage_makes_the_judge_available_again()
    {
        // Scripted: every pair's first two attempts hang, later ones are answered. The breaker opens and closes again
        // on the first answered trial; with a long UnavailableAfter no pair is given up.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            ScriptedFaults = ["slow", "slow"],
            SlowLatency = Timeout.InfiniteTimeSpan,
        });
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(3); // real time: it ends the hanging requests; the answered ones need room on a loaded machine
            o.CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(500);
            o.UnavailableAfter = TimeSpan.FromMinutes(5);
        });

        var results = await judge.JudgeManyAsync(TestPairs.Make(6));

        Assert.All(results, r => Assert.True(r.IsJudged, r.Error));
    }
}
