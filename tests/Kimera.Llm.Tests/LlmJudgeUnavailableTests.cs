using Kimera.TestSupport.FakeOpenAi;
using Xunit.Abstractions;

namespace Kimera.Llm.Tests;

/// <summary>An endpoint that dies mid-run: the breaker opens on consecutive failures and, once it has stayed open for
/// UnavailableAfter, the judge marks the remaining pairs "judge unavailable: cause" instead of retrying for minutes.
/// The judge and the fake server share a fake clock (<see cref="FakeClockDriver"/>), so the real durations apply.</summary>
public sealed class LlmJudgeUnavailableTests(ITestOutputHelper output)
{
    /// <summary>Issue 12 item 11's bound: 40 pairs against an endpoint that answers 5 requests and then hangs end within
    /// 4 minutes, every pair accounted for, with the judge's default timeouts, breaker and UnavailableAfter.</summary>
    [Fact(Timeout = 120_000)]
    public async Task Forty_pairs_against_an_endpoint_that_answers_five_and_then_hangs_end_within_four_minutes_at_the_defaults()
    {
        var clock = new TimerWatchingFakeTimeProvider();
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { TimeProvider = clock, HangAfterAnswers = 5 });
        var defaults = new LlmJudgeOptions();
        using var judge = JudgeFactory.Create(server, o =>
        {
            // Every option that decides how long an outage takes, at its default (JudgeFactory shortens some).
            o.AttemptTimeout = defaults.AttemptTimeout;
            o.TotalTimeout = defaults.TotalTimeout;
            o.RetryBaseDelay = defaults.RetryBaseDelay;
            o.MaxRetryDelay = defaults.MaxRetryDelay;
            o.MaxRetries = defaults.MaxRetries;
            o.MaxConcurrency = defaults.MaxConcurrency;
            o.CircuitBreakerBreakDuration = defaults.CircuitBreakerBreakDuration;
            o.CircuitBreakerConsecutiveFailures = defaults.CircuitBreakerConsecutiveFailures;
            o.CircuitBreakerFailureRatio = defaults.CircuitBreakerFailureRatio;
            o.UnavailableAfter = defaults.UnavailableAfter;
        }, clock: clock);
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), defaults.UnavailableAfter);

        var judging = judge.JudgeManyAsync(TestPairs.Make(40));
        // The five answers come in real time: the clock stands still until they are in.
        await server.WhenAnsweredAsync(5);
        var took = await FakeClockDriver.RunAsync(judging, clock, server, TimeSpan.FromSeconds(1), giveUpAfter: TimeSpan.FromMinutes(30));
        var results = await judging;
        output.WriteLine($"{took.TotalSeconds} s on the fake clock, {server.Requests.Count} requests");

        Assert.Equal(40, results.Count);
        Assert.Equal(5, results.Count(r => r.IsJudged));
        var failed = results.Where(r => !r.IsJudged).ToList();
        Assert.Equal(35, failed.Count);
        Assert.All(failed, r => Assert.Equal(LlmJudge.UnavailablePrefix + "no answer within 30 s", r.Error));
        Assert.True(took <= TimeSpan.FromMinutes(4), $"the judging took {took} on the fake clock");
        // Far fewer requests than 35 pairs × 7 attempts: the open circuit stopped them.
        Assert.True(server.Requests.Count < 35 * 2, $"{server.Requests.Count} requests");
    }

    [Fact(Timeout = 120_000)]
    public async Task Consecutive_refused_connections_open_the_breaker_and_make_the_judge_unavailable()
    {
        var clock = new TimerWatchingFakeTimeProvider();
        await using var unused = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { TimeProvider = clock });
        var closed = FakeOpenAiServer.ClosedPortUrl();
        using var judge = JudgeFactory.Create(unused, o =>
        {
            o.Endpoint = closed;
            o.MaxRetries = 100;
            o.MaxRetryDelay = TimeSpan.FromSeconds(5);
            o.TotalTimeout = TimeSpan.FromMinutes(30);
            o.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(15);
            o.UnavailableAfter = TimeSpan.FromSeconds(60);
        }, clock: clock);

        var judging = judge.JudgeManyAsync(TestPairs.Make(20));
        var took = await FakeClockDriver.RunAsync(judging, clock, unused, TimeSpan.FromSeconds(1), giveUpAfter: TimeSpan.FromMinutes(30));
        var results = await judging;

        Assert.All(results, r => Assert.StartsWith(LlmJudge.UnavailablePrefix + "connection refused (", r.Error, StringComparison.Ordinal));
        // Unavailable once the breaker has been open 60 s: not before (the pairs would have had their 100 retries to try).
        Assert.True(took >= TimeSpan.FromSeconds(60), $"the judging took {took} on the fake clock");
    }

    [Fact(Timeout = 120_000)]
    public async Task An_answer_after_the_outage_makes_the_judge_available_again()
    {
        // Scripted: every pair's first two attempts hang, later ones are answered. The breaker opens and closes again
        // on the first answered trial; with a long UnavailableAfter no pair is given up.
        var clock = new TimerWatchingFakeTimeProvider();
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            TimeProvider = clock,
            ScriptedFaults = ["slow", "slow"],
            SlowLatency = Timeout.InfiniteTimeSpan,
        });
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(3);
            o.CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(500);
            o.UnavailableAfter = TimeSpan.FromMinutes(5);
        }, clock: clock);

        var judging = judge.JudgeManyAsync(TestPairs.Make(6));
        await FakeClockDriver.RunAsync(judging, clock, server, TimeSpan.FromMilliseconds(500), giveUpAfter: TimeSpan.FromMinutes(30));
        var results = await judging;

        Assert.All(results, r => Assert.True(r.IsJudged, r.Error));
        Assert.Contains(server.Requests, r => r.StatusCode == 499);
    }
}
