using System.Threading.RateLimiting;

namespace Kimera.Llm.Resilience;

/// <summary>Client-side token buckets for requests and tokens per window, shaped so that no window of the
/// server's length ever sees more than its limit: a bucket holding B permits that refills at r per window lets
/// through at most B + r in any window, so r is set to (limit - B) less the headroom.</summary>
/// <remarks>The buckets (<see cref="ClockedTokenBucket"/>) run on the judge's <see cref="TimeProvider"/>, so a test on a fake
/// clock sees exactly when each request is admitted.</remarks>
internal sealed class LlmRateGate : IDisposable
{
    private readonly ClockedTokenBucket _requests;
    private readonly ClockedTokenBucket _tokens;

    public LlmRateGate(LlmJudgeOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        clock ??= TimeProvider.System;
        var tokenBucket = TokenBucket(options);
        TokenBurst = tokenBucket.TokenLimit;
        RequestsPerWindow = options.RequestsPerMinute;
        _requests = new ClockedTokenBucket(RequestBucket(options), clock);
        _tokens = new ClockedTokenBucket(tokenBucket, clock);
    }

    /// <summary>The fewest requests per window the gate can honour: a bucket lets through its burst (one permit at least)
    /// plus at least one refill in any window, so a limit of one request would admit two.</summary>
    public const int MinimumRequestsPerWindow = 2;

    /// <summary>The requests bucket's shape; static so its window bound can be checked without a clock.</summary>
    internal static TokenBucketRateLimiterOptions RequestBucket(LlmJudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RequestsPerMinute, MinimumRequestsPerWindow);

        // A burst of one sixtieth of the limit (a second's worth on a one-minute window), at least one request;
        // the limit being two or more, at least one request per window is left for the refills.
        var requestBurst = Math.Max(1, options.RequestsPerMinute / 60);
        var requestRate = (options.RequestsPerMinute - requestBurst) * (1 - options.RateHeadroom);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = requestBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = Max(TimeSpan.FromTicks(1), options.RateWindow / requestRate),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    /// <summary>The tokens bucket's shape; static so its window bound can be checked without a clock.</summary>
    internal static TokenBucketRateLimiterOptions TokenBucket(LlmJudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var burst = Math.Max(options.OutputTokenLimit * 2, (int)Math.Ceiling(options.TokensPerMinute / 60.0));
        burst = Math.Min(burst, options.TokensPerMinute);
        const int periodsPerWindow = 600;
        var tokensPerPeriod = Math.Max(1, (int)Math.Floor((options.TokensPerMinute - burst) * (1 - options.RateHeadroom) / periodsPerWindow));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = options.RateWindow / periodsPerWindow,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };
    }

    /// <summary>The most tokens one request is charged; a larger request is charged this much.</summary>
    public int TokenBurst { get; }

    /// <summary>The request limit per window the buckets were shaped for.</summary>
    public int RequestsPerWindow { get; }

    /// <summary>Waits for the tokens first and the request slot last, so the request leaves as soon as it is
    /// admitted: waiting after taking the request slot would bunch requests and break the window count.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(int requestTokens, CancellationToken cancellationToken)
    {
        var tokenLease = await _tokens.AcquireAsync(Math.Clamp(requestTokens, 1, TokenBurst), cancellationToken).ConfigureAwait(false);
        if (!tokenLease.IsAcquired)
        {
            return tokenLease;
        }

        RateLimitLease requestLease;
        try
        {
            requestLease = await _requests.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            tokenLease.Dispose();
            throw;
        }

        // Token-bucket leases hold nothing to give back; disposing them is a formality.
        tokenLease.Dispose();
        return requestLease;
    }

    public void Dispose()
    {
        _requests.Dispose();
        _tokens.Dispose();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
