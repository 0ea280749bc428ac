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
        using var judge = JudgeFactory.Create(server, o => o.MaxParseAttempts = 4);
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

    [Fact]
    public async Task Retries_wait_at_least_the_Retry_After_the_server_asked_for()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            Seed = 3,
            RateLimitProbability = 0.3,
            RetryAfter = TimeSpan.FromSeconds(1),
        });
        using var judge = JudgeFactory.Create(server);

        var results = await judge.JudgeManyAsync(TestPairs.Make(12));

        var gaps = server.GapsAfterRateLimit();
        Assert.NotEmpty(gaps);
        Assert.All(gaps, gap =>
        {
            Assert.Equal(TimeSpan.FromSeconds(1), gap.RetryAfterGiven);
            Assert.True(gap.Gap >= gap.RetryAfterGiven, $"retried after {gap.Gap} although the server asked for {gap.RetryAfterGiven}");
        });
        Assert.All(results, r => Assert.True(r.IsJudged));
    }

    [Fact]
    public async Task The_server_never_sees_more_requests_per_window_than_configured()
    {
        // 20 requests per 2-second window on both sides; 60 pairs take about six seconds.
        var window = TimeSpan.FromSeconds(2);
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            RequestLimit = 20,
            LimitWindow = window,
            Latency = TimeSpan.FromMilliseconds(10),
        });
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.RequestsPerMinute = 20;
            o.RateWindow = window;
        });

        var results = await judge.JudgeManyAsync(TestPairs.Make(60));

        Assert.Equal(0, server.LimitRejections);
        Assert.InRange(server.MaxRequestsInAnyWindow(window), 1, 20);
        Assert.Equal(60, server.Requests.Count);
        Assert.Equal(0, judge.Stats.RateLimited);
        Assert.All(results, r => Assert.True(r.IsJudged));
    }

    [Fact]
    public async Task The_tokens_sent_per_window_stay_within_the_tokens_limit()
    {
        // Each request is charged prompt tokens + 200 output tokens (~290): 2,900 per 2 s allows about ten.
        var window = TimeSpan.FromSeconds(2);
        const int tokenLimit = 2900;
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.TokensPerMinute = tokenLimit;
            o.RateWindow = window;
        });
        var pairs = TestPairs.Make(24);

        var results = await judge.JudgeManyAsync(pairs);

        Assert.All(results, r => Assert.True(r.IsJudged));
        var charged = server.Requests
            .Select(r => (r.ArrivedAt, Tokens: ChargedTokens(judge, r.PairKey)))
            .OrderBy(r => r.ArrivedAt)
            .ToArray();
        var most = 0;
        for (var start = 0; start < charged.Length; start++)
        {
            var sum = charged.Skip(start).TakeWhile(r => r.ArrivedAt - charged[start].ArrivedAt < window).Sum(r => r.Tokens);
            most = Math.Max(most, sum);
        }

        Assert.InRange(most, 290, tokenLimit);
    }

    private static int ChargedTokens(LlmJudge judge, string pairKey)
    {
        var parts = pairKey.Split('\u241E');
        return judge.Estimator.PromptTokens(parts[0], parts[1]) + 200;
    }

    [Fact]
    public async Task A_server_limit_below_the_clients_is_met_with_waits_not_lost_pairs()
    {
        // The client believes in 1,000/window, the server allows 10 per second: 429s with Retry-After follow.
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            RequestLimit = 10,
            LimitWindow = TimeSpan.FromSeconds(1),
            RetryAfterAsMilliseconds = true,
        });
        using var judge = JudgeFactory.Create(server, o => o.MaxRetries = 20);

        var results = await judge.JudgeManyAsync(TestPairs.Make(30));

        Assert.All(results, r => Assert.True(r.IsJudged));
        Assert.True(server.LimitRejections > 0);
        Assert.Equal(server.LimitRejections, judge.Stats.RateLimited);
        Assert.All(server.GapsAfterRateLimit(), gap => Assert.True(gap.Gap >= gap.RetryAfterGiven, $"gap {gap.Gap} < {gap.RetryAfterGiven}"));
    }

    [Fact]
    public async Task Answers_that_never_parse_become_errors_after_the_configured_attempts()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { GarbledAnswerProbability = 1.0 });
        using var judge = JudgeFactory.Create(server, o => o.MaxParseAttempts = 3);

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
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            Seed = 11,
            MalformedJsonProbability = 0.15,
            TruncatedBodyProbability = 0.15,
            SlowProbability = 0.1,
            SlowLatency = TimeSpan.FromSeconds(3),
        });
        using var judge = JudgeFactory.Create(server, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(500);
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
