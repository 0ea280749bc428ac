namespace Kimera.Llm;

/// <summary>Thread-safe counters behind <see cref="LlmJudgeStats"/>, and the budget ledger: spent money plus the
/// worst-case cost of calls in flight, so concurrent calls can never overshoot the budget together.</summary>
internal sealed class LlmUsageMeter(decimal priceInputPerMillion, decimal priceOutputPerMillion, decimal? budgetUsd)
{
    private readonly Lock ledger = new();
    private long requests;
    private long inputTokens;
    private long outputTokens;
    private long rateLimited;
    private long retries;
    private long cacheHits;
    private long judged;
    private long failed;
    private long budgetSkipped;
    private decimal spent;
    private decimal reserved;

    public decimal Cost(long input, long output) =>
        (input * priceInputPerMillion + output * priceOutputPerMillion) / 1_000_000m;

    /// <summary>Reserves the worst case of one call; false when it would take spending past the budget.</summary>
    public bool TryReserve(decimal worstCase)
    {
        lock (ledger)
        {
            if (budgetUsd is { } budget && spent + reserved + worstCase > budget)
            {
                return false;
            }

            reserved += worstCase;
            return true;
        }
    }

    /// <summary>Replaces a reservation by what the call really cost (zero for a call that got no usage back).</summary>
    public void Settle(decimal reservation, long input, long output)
    {
        var cost = Cost(input, output);
        lock (ledger)
        {
            reserved -= reservation;
            spent += cost;
        }

        Interlocked.Add(ref inputTokens, input);
        Interlocked.Add(ref outputTokens, output);
    }

    public void Request() => Interlocked.Increment(ref requests);

    public void RateLimitedResponse() => Interlocked.Increment(ref rateLimited);

    public void Retry() => Interlocked.Increment(ref retries);

    public void CacheHits(int count) => Interlocked.Add(ref cacheHits, count);

    public void Judged() => Interlocked.Increment(ref judged);

    public void Failed(bool budgetSkip)
    {
        Interlocked.Increment(ref failed);
        if (budgetSkip)
        {
            Interlocked.Increment(ref budgetSkipped);
        }
    }

    public LlmJudgeStats Snapshot()
    {
        decimal cost;
        lock (ledger)
        {
            cost = spent;
        }

        return new LlmJudgeStats(
            Interlocked.Read(ref requests),
            Interlocked.Read(ref inputTokens),
            Interlocked.Read(ref outputTokens),
            cost,
            Interlocked.Read(ref rateLimited),
            Interlocked.Read(ref retries),
            Interlocked.Read(ref cacheHits),
            Interlocked.Read(ref judged),
            Interlocked.Read(ref failed),
            Interlocked.Read(ref budgetSkipped));
    }
}
