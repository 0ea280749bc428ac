using Kimera.TestSupport.FakeOpenAi;
using Microsoft.Extensions.Logging;

namespace Kimera.Llm.Tests;

/// <summary>Issue 12 item 15: a retry is counted once, in one place, whatever stopped the attempt before it.</summary>
public sealed class LlmRetryCountTests
{
    [Fact(Timeout = 120_000)]
    public async Task Retries_in_stats_per_pair_usage_and_log_lines_all_equal_the_extra_attempts_the_server_saw()
    {
        // Every pair's first two attempts get 500 and the third a 429: 24 pairs × 500 fill the breaker's sampling of
        // 20 calls with failures, so it opens while retries are pending. The retries that meet the open circuit never
        // reach the server; they used to be logged and counted in stats but not in the per-pair usage report.json sums.
        var clock = new TimerWatchingFakeTimeProvider();
        var capture = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            TimeProvider = clock,
            ScriptedFaults = ["500", "500", "429"],
            RetryAfter = TimeSpan.FromMilliseconds(50),
            RetryAfterAsMilliseconds = true,
        });
        using var judge = JudgeFactory.Create(
            server,
            o =>
            {
                o.MaxRetries = 30;
                o.CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(500);
            },
            loggers: loggers,
            clock: clock);
        var pairs = TestPairs.Make(24);

        var judging = judge.JudgeManyAsync(pairs);
        await FakeClockDriver.RunAsync(judging, clock, server, TimeSpan.FromMilliseconds(100), giveUpAfter: TimeSpan.FromMinutes(30));
        var results = await judging;

        var lines = capture.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("circuit breaker opened", StringComparison.Ordinal));
        var extraAttempts = server.Requests.Count - server.Requests.Select(r => r.PairKey).Distinct().Count();
        var retryLines = lines.Count(l => l.Contains(": retry ", StringComparison.Ordinal));
        Assert.True(extraAttempts >= 24 * 3, $"each pair needs at least 3 retries; the server saw {extraAttempts} extra attempts");
        Assert.Equal(extraAttempts, results.Sum(r => r.Usage!.Retries));
        Assert.Equal(extraAttempts, judge.Stats.Retries);
        Assert.Equal(extraAttempts, retryLines);
        Assert.Equal(server.Requests.Count, judge.Stats.Requests);
    }
}
