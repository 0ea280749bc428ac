using System.Threading.RateLimiting;

namespace Kimera.Llm;

/// <summary>Client-side token buckets for requests and tokens per window, shaped so that no window of the
/// server's length ever sees more than its limit: a bucket holding B permits that refills at r per window lets
/// through at most B + r in any window, so r is set to (limit - B) less the headroom.</summary>
internal sealed class LlmRateGate : IDisposable
{
    private readonly TokenBucketRateLimiter requests;
    private readonly TokenBucketRateLimiter tokens;

    public LlmRateGate(LlmJudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var window = options.RateWindow;
        var keep = 1 - options.RateHeadroom;

        // A burst of one sixtieth of the limit (a second's worth on a one-minute window), at least one request.
        var requestBurst = Math.Max(1, options.RequestsPerMinute / 60);
        var requestRate = Math.Max(1e-9, (options.RequestsPerMinute - requestBurst) * keep);
        requests = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = requestBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = Max(TimeSpan.FromTicks(1), window / requestRate),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

        TokenBurst = Math.Max(options.MaxOutputTokens * 2, (int)Math.Ceiling(options.TokensPerMinute / 60.0));
        TokenBurst = Math.Min(TokenBurst, options.TokensPerMinute);
        const int periodsPerWindow = 600;
        var tokensPerPeriod = Math.Max(1, (int)Math.Floor((options.TokensPerMinute - TokenBurst) * keep / periodsPerWindow));
        tokens = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = TokenBurst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = window / periodsPerWindow,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>The most tokens one request is charged; a larger request is charged this much.</summary>
    public int TokenBurst { get; }

    /// <summary>Waits for the tokens first and the request slot last, so the request leaves as soon as it is
    /// admitted: waiting after taking the request slot would bunch requests and break the window count.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(int requestTokens, CancellationToken cancellationToken)
    {
        var tokenLease = await tokens.AcquireAsync(Math.Clamp(requestTokens, 1, TokenBurst), cancellationToken).ConfigureAwait(false);
        if (!tokenLease.IsAcquired)
        {
            return tokenLease;
        }

        RateLimitLease requestLease;
        try
        {
            requestLease = await requests.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
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
        requests.Dispose();
        tokens.Dispose();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
