using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Llm.Tests;

public sealed class LlmJudgeResilienceTests
{
    [Fact]
    public async Task Every_pair_ends_judged_or_with_an_error_under_twenty_percent_429_and_500_and_five_percent_garbled()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            Seed = 7,
            RateLimitProbability = 0.10,
            RetryAfter = TimeSpan.FromMilliseconds(50),
            RetryAfterAsMilliseconds = true,
            ServerErrorProbability = 0.10,
            GarbledAnswerProbability = 0.05,
        });
        // At temperature 1 a garbled answer is asked again up to MaxParseAttempts times (at 0.1 only once more: it would repeat).
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.MaxParseAttempts = 4;
            o.Temperature = 1.0;
        });
        var pairs = TestPairs.Make(120);

        var results = await judge.JudgeManyAsync(pairs);

        Assert.Equal(120, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            Assert.NotNull(r);
            if (r.IsJudged)
            {
                // Fake model: contradiction when exactly one text is negated; confidence 0.9 / 0.8.
                Assert.Equal(TestPairs.ExpectedContradiction(i), r.IsContradiction);
                Assert.Equal(TestPairs.ExpectedContradiction(i) ? 0.9 : 0.8, r.Confidence);
                Assert.Null(r.Error);
            }
            else
            {
                Assert.Null(r.IsContradiction);
                Assert.False(string.IsNullOrWhiteSpace(r.Error));
            }
        }

        var seen = server.Requests;
        var stats = judge.Stats;
        Assert.Equal(120, stats.Judged + stats.Failed);
        Assert.Equal(seen.Count, stats.Requests);
        Assert.Equal(seen.Count(r => r.StatusCode == 429), stats.RateLimited);
        Assert.Equal(seen.Count - seen.Select(r => r.PairKey).Distinct().Count(), stats.Retries);
        Assert.True(seen.Count(r => r.Fault != "none") >= 20, "the seed must inject faults for the test to mean anything");
        // Losing a pair takes 7 transient faults (0.2^7) or 4 garbled answers (0.05^4) in a row: ~2e-5 per pair.
        Assert.Equal(120, results.Count(r => r.IsJudged));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(false, 1000)] // Retry-After: 1 (whole seconds)
    [InlineData(true, 200)] // retry-after-ms: 200 (a wait in whole milliseconds: Task.Delay drops fractions of one)
    public async Task A_retry_after_a_429_waits_exactly_the_Retry_After_plus_20_ms_plus_the_drawn_jitter(bool asMilliseconds, int retryAfterMs)
    {
        var retryAfter = TimeSpan.FromMilliseconds(retryAfterMs);
        var clock = new TimerWatchingFakeTimeProvider();
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            TimeProvider = clock,
            ScriptedFaults = ["429"],
            RetryAfter = retryAfter,
            RetryAfterAsMilliseconds = asMilliseconds,
        });
        using var judge = JudgeFactory.Create(server, clock: clock);
        var expectedWait = retryAfter + TimeSpan.FromMilliseconds(20) + retryAfter * 0.1 * JudgeFactory.FixedJitter;

        var judging = judge.JudgeManyAsync([TestPairs.Pair("r", "Rain is wet", "Rain is not wet")]);
        var waits = await clock.WhenTimersCreatedAsync(1, IsShorterThanAnyTimeout);
        clock.Advance(waits[0]);
        var results = await judging;

        Assert.Equal(expectedWait, waits[0]);
        // Both ends stamped by the server on the shared fake clock, which moved only by the advance above.
        var gap = Assert.Single(server.GapsAfterRateLimit());
        Assert.Equal(retryAfter, gap.RetryAfterGiven);
        Assert.Equal(expectedWait, gap.Gap);
        Assert.True(results[0].IsJudged);
        Assert.Equal(1, judge.Stats.RateLimited);
        Assert.Equal(1, judge.Stats.Retries);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_Retry_After_longer_than_the_longest_retry_wait_is_cut_to_it()
    {
        var clock = new TimerWatchingFakeTimeProvider();
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            TimeProvider = clock,
            ScriptedFaults = ["429"],
            RetryAfter = TimeSpan.FromMinutes(5),
        });
        using var judge = JudgeFactory.Create(server, o => o.MaxRetryDelay = TimeSpan.FromSeconds(3), clock: clock);

        var judging = judge.JudgeManyAsync([TestPairs.Pair("m", "Ice is hard", "Ice is not hard")]);
        var waits = await clock.WhenTimersCreatedAsync(1, IsShorterThanAnyTimeout);
        clock.Advance(waits[0]);
        await judging;

        Assert.Equal(TimeSpan.FromSeconds(3), waits[0]);
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.Single(server.GapsAfterRateLimit()).Gap);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_attempt_without_an_answer_times_out_after_exactly_the_attempt_timeout_and_is_retried()
    {
        var clock = new TimerWatchingFakeTimeProvider();
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            TimeProvider = clock,
            ScriptedFaults = ["slow"],
            SlowLatency = Timeout.InfiniteTimeSpan,
        });
        using var judge = JudgeFactory.Create(server, clock: clock);

        var judging = judge.JudgeManyAsync([TestPairs.Pair("t", "Fog is grey", "Fog is not grey")]);
        await server.WhenArrivedAsync(1);
        clock.Advance(TimeSpan.FromSeconds(10));
        // The server records the give-up when it sees the connection drop; only then may the clock move on.
        await server.WhenAnsweredAsync(1);
        var waits = await clock.WhenTimersCreatedAsync(1, IsShorterThanAnyTimeout);
        clock.Advance(waits[0]);
        var results = await judging;

        var (abandoned, answered) = (server.Requests[0], server.Requests[1]);
        Assert.Equal(499, abandoned.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), abandoned.RespondedAt - abandoned.ArrivedAt);
        Assert.Equal(waits[0], answered.ArrivedAt - abandoned.RespondedAt);
        Assert.Equal(200, answered.StatusCode);
        Assert.True(results[0].IsJudged);
        Assert.Equal(1, judge.Stats.Retries);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(60, 100_000_000)] // one request in the requests bucket
    [InlineData(100_000, 1_000)] // one request's tokens (prompt + 200 output) in the 400-token bucket
    public async Task The_judge_sends_only_what_the_rate_buckets_hold_and_the_rest_wait_for_a_refill(int requestsPerMinute, int tokensPerMinute)
    {
        // A one-day window puts the next refill minutes away, so the pairs that do not fit are still waiting in the
        // gate when the run is cancelled. (The window bound itself is checked in LlmRateGateTests.)
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.RequestsPerMinute = requestsPerMinute;
            o.TokensPerMinute = tokensPerMinute;
            o.RateWindow = TimeSpan.FromDays(1);
        });
        using var cancel = new CancellationTokenSource();

        var judging = judge.JudgeManyAsync(TestPairs.Make(3), cancel.Token);
        await server.WhenAnsweredAsync(1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => judging);
        Assert.Single(server.Requests);
        Assert.Equal(1, judge.Stats.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_server_limit_below_the_clients_is_met_with_waits_not_lost_pairs()
    {
        // The client believes in 100,000 per window, the server allows 10 per second: 429s with Retry-After follow.
        // With 16 in flight the judge starts all 30 pairs at once, so every round happens at one instant of the fake clock.
        var clock = new TimerWatchingFakeTimeProvider();
        var window = TimeSpan.FromSeconds(1);
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            TimeProvider = clock,
            RequestLimit = 10,
            LimitWindow = window,
            RetryAfterAsMilliseconds = true,
        });
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.MaxConcurrency = 16;
            o.MaxRetries = 20;
        }, clock: clock);
        var wait = window + TimeSpan.FromMilliseconds(20) + window * 0.1 * JudgeFactory.FixedJitter;

        var judging = judge.JudgeManyAsync(TestPairs.Make(30));
        var firstRound = await clock.WhenTimersCreatedAsync(20, IsShorterThanAnyTimeout);
        clock.Advance(wait);
        var secondRound = await clock.WhenTimersCreatedAsync(30, IsShorterThanAnyTimeout);
        clock.Advance(wait);
        var results = await judging;

        // At 0 s: 10 accepted, 20 told to wait 1 s; at 1.07 s: 10 of those accepted, 10 told to wait 1 s; at 2.14 s: the rest.
        Assert.All(firstRound, due => Assert.Equal(wait, due));
        Assert.All(secondRound, due => Assert.Equal(wait, due));
        var rounds = server.Requests
            .GroupBy(r => r.ArrivedAt)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, Accepted: g.Count(r => r.StatusCode == 200), Refused: g.Count(r => r.Fault == "limit")));
        Assert.Equal([(TimeSpan.Zero, 10, 20), (wait, 10, 10), (wait * 2, 10, 0)], rounds);
        Assert.All(results, r => Assert.True(r.IsJudged));
        Assert.Equal(30, judge.Stats.RateLimited);
        var gaps = server.GapsAfterRateLimit();
        Assert.Equal(30, gaps.Count);
        Assert.All(gaps, gap =>
        {
            Assert.Equal(window, gap.RetryAfterGiven);
            Assert.Equal(wait, gap.Gap);
        });
    }

    /// <summary>The judge's timers are its attempt timeout (10 s), total timeout (60 s), timers not yet started (infinite,
    /// -1 ms) and retry waits: in these tests every retry wait is positive and shorter than both timeouts.</summary>
    private static bool IsShorterThanAnyTimeout(TimeSpan dueTime) => dueTime > TimeSpan.Zero && dueTime < TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Answers_that_never_parse_become_errors_after_the_configured_attempts_above_a_low_temperature()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { GarbledAnswerProbability = 1.0 });
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.MaxParseAttempts = 3;
            o.Temperature = 1.0;
        });

        var results = await judge.JudgeManyAsync(TestPairs.Make(4));

        Assert.All(results, r =>
        {
            Assert.False(r.IsJudged);
            Assert.Null(r.IsContradiction);
            Assert.StartsWith("unparsable answer: no JSON object in the answer (after 3 attempts)", r.Error, StringComparison.Ordinal);
        });
        Assert.Equal(12, server.Requests.Count); // 4 pairs x 3 attempts
        Assert.Equal(4, judge.Stats.Failed);
    }

    [Fact]
    public async Task Malformed_and_truncated_bodies_and_slow_answers_are_retried()
    {
        // A slow answer never comes: the attempt timeout is the only way out, whatever the machine's load.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            Seed = 11,
            MalformedJsonProbability = 0.15,
            TruncatedBodyProbability = 0.15,
            SlowProbability = 0.1,
            SlowLatency = Timeout.InfiniteTimeSpan,
        });
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(3); // real time: it ends the hanging requests; the answered ones need room on a loaded machine
            o.MaxParseAttempts = 5;
        });

        var results = await judge.JudgeManyAsync(TestPairs.Make(40));

        var seen = server.Requests;
        Assert.Contains(seen, r => r.Fault == "malformed");
        Assert.Contains(seen, r => r.Fault == "truncated");
        Assert.Contains(seen, r => r.Fault == "slow");
        for (var i = 0; i < results.Count; i++)
        {
            Assert.True(results[i].IsJudged, $"pair {i}: {results[i].Error}");
            Assert.Equal(TestPairs.ExpectedContradiction(i), results[i].IsContradiction);
        }
    }

    [Fact]
    public async Task Identical_pairs_are_asked_once()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(server);
        var pair = TestPairs.Pair("a", "Snow is white", "Snow is not white");
        var same = TestPairs.Pair("b", " Snow is white ", "Snow is not white"); // same trimmed texts

        var results = await judge.JudgeManyAsync([pair, same]);

        Assert.Single(server.Requests);
        var verdict = new Kimera.Judging.Judgement(true, 0.9, "exactly one statement is negated");
        Assert.Equal(verdict, results[0] with { Usage = null });
        Assert.Equal(verdict, results[1] with { Usage = null });

        // The one request is charged to the first pair only, so a chunk's totals count it once.
        Assert.Equal(1, results[0].Usage!.Requests);
        Assert.Equal(new Kimera.Judging.JudgeUsage(), results[1].Usage);
    }
}
