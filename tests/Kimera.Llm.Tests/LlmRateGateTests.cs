using System.Threading.RateLimiting;
using Kimera.Llm.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Kimera.Llm.Tests;

/// <summary>The gate's buckets: their shape checked by arithmetic (no window admits more than the limits), their pacing on a
/// fake clock (a request waits exactly until the refill that makes room), their queue by awaiting leases.</summary>
public sealed class LlmRateGateTests
{
    [Theory]
    [InlineData(20, 2900, 2, 20, 2804)] // the limits the old real-time tests used: 20 requests / 2,900 tokens per 2 s
    [InlineData(500, 200_000, 60, 491, 195_934)] // the defaults
    [InlineData(2, 1_000, 60, 2, 1_000)] // the least limits the judge accepts: a refill every 61.2 s, 1 token per 0.1 s
    [InlineData(10_000, 2_000_000, 60, 9_804, 1_960_534)]
    public void No_window_of_the_rate_window_length_can_admit_more_than_the_limits(
        int requestsPerMinute, int tokensPerMinute, int windowSeconds, int mostRequests, int mostTokens)
    {
        var options = new LlmJudgeOptions
        {
            RequestsPerMinute = requestsPerMinute,
            TokensPerMinute = tokensPerMinute,
            RateWindow = TimeSpan.FromSeconds(windowSeconds),
        };

        var requests = MostAdmittedInAnyWindow(LlmRateGate.RequestBucket(options), options.RateWindow);
        var tokens = MostAdmittedInAnyWindow(LlmRateGate.TokenBucket(options), options.RateWindow);

        Assert.Equal(mostRequests, requests);
        Assert.Equal(mostTokens, tokens);
        Assert.True(requests <= requestsPerMinute, $"{requests} requests could pass in one window, the limit is {requestsPerMinute}");
        Assert.True(tokens <= tokensPerMinute, $"{tokens} tokens could pass in one window, the limit is {tokensPerMinute}");
    }

    [Fact]
    public async Task On_a_fake_clock_a_request_waits_exactly_until_the_refill_that_makes_room_in_arrival_order()
    {
        var clock = new FakeTimeProvider();
        var options = new LlmJudgeOptions { RequestsPerMinute = 120 };
        var period = LlmRateGate.RequestBucket(options).ReplenishmentPeriod; // 60 s / ((120 - 2) x (1 - 0.02 headroom))
        using var gate = new LlmRateGate(options, clock);

        var leases = Enumerable.Range(0, 4).Select(_ => gate.AcquireAsync(1, CancellationToken.None).AsTask()).ToArray();
        var atOnce = leases.Select(l => l.IsCompleted).ToArray();
        clock.Advance(period - TimeSpan.FromTicks(1));
        var thirdBeforeTheRefill = leases[2].IsCompleted;
        clock.Advance(TimeSpan.FromTicks(1));
        var third = await leases[2];
        var fourthAfterOneRefill = leases[3].IsCompleted;
        clock.Advance(period);
        var fourth = await leases[3];

        Assert.Equal(TimeSpan.FromTicks(5_188_516), period); // 60 s / 115.64, rounded to a tick
        Assert.Equal([true, true, false, false], atOnce); // the burst of 2 (one sixtieth of 120)
        Assert.False(thirdBeforeTheRefill);
        Assert.True(third.IsAcquired);
        Assert.False(fourthAfterOneRefill);
        Assert.True(fourth.IsAcquired);
    }

    [Fact]
    public async Task The_burst_is_admitted_at_once_and_later_requests_wait_for_a_refill_in_arrival_order()
    {
        // 120 per day: a burst of 2 and the next refill about 12 minutes away, far beyond this test.
        var gate = new LlmRateGate(new LlmJudgeOptions { RequestsPerMinute = 120, RateWindow = TimeSpan.FromDays(1) });

        var leases = Enumerable.Range(0, 4).Select(_ => gate.AcquireAsync(1, CancellationToken.None).AsTask()).ToArray();
        var admitted = leases.Select(l => l.IsCompletedSuccessfully && l.Result.IsAcquired).ToArray();
        // Disposing the gate ends the waits: the queued requests get no lease rather than hanging.
        gate.Dispose();
        var ends = await Task.WhenAll(leases);

        Assert.Equal([true, true, false, false], admitted);
        Assert.Equal([true, true, false, false], ends.Select(l => l.IsAcquired));
    }

    [Fact]
    public async Task A_request_larger_than_the_token_burst_is_charged_the_whole_burst_not_refused()
    {
        using var gate = new LlmRateGate(new LlmJudgeOptions { TokensPerMinute = 1_000, RateWindow = TimeSpan.FromDays(1) });

        using var large = await gate.AcquireAsync(int.MaxValue, CancellationToken.None);
        var next = gate.AcquireAsync(1, CancellationToken.None).AsTask();

        Assert.Equal(400, gate.TokenBurst); // twice the 200 output tokens
        Assert.True(large.IsAcquired);
        Assert.False(next.IsCompleted, "the burst was spent, so even one token must wait for a refill");
    }

    /// <summary>A bucket holding B permits that adds P every period lets through at most B + P x (refills that fall in
    /// the window); a half-open window of length W holds at most ceil(W / period) refills.</summary>
    private static long MostAdmittedInAnyWindow(TokenBucketRateLimiterOptions bucket, TimeSpan window)
    {
        var period = bucket.ReplenishmentPeriod.Ticks;
        var refills = (window.Ticks + period - 1) / period;
        return bucket.TokenLimit + (bucket.TokensPerPeriod * refills);
    }
}
