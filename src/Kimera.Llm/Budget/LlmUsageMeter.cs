namespace Kimera.Llm.Budget;

/// <summary>Thread-safe counters behind <see cref="LlmJudgeStats"/>, and the budget ledger: spent money plus the
/// worst-case cost of calls in flight, so concurrent calls can never overshoot the budget together.</summary>
/// <remarks>With unknown prices (<c>null</c>) every cost is 0 and the stats say <see cref="Kimera.Judging.CostBases.Unknown"/>;
/// no budget is accepted then (<see cref="LlmJudgeOptionsValidator"/>).</remarks>
internal sealed class LlmUsageMeter(decimal? priceInputPerMillion, decimal? priceOutputPerMillion, decimal? budgetUsd)
{
    private readonly decimal _priceInput = priceInputPerMillion ?? 0m;
    private readonly decimal _priceOutput = priceOutputPerMillion ?? 0m;
    private long _reasoningTokens;
    private long _estimatedRequests;

    private readonly Lock _ledger = new();
    private long _requests;
    private long _inputTokens;
    private long _outputTokens;
    private long _rateLimited;
    private long _retries;
    private long _cacheHits;
    private long _judged;
    private long _failed;
    private long _budgetSkipped;
    private decimal _spent;
    private decimal _reserved;
    private decimal _spentEarlier;

    /// <summary>Counts money spent before this judge existed (earlier runs into the same run folder, an earlier attempt
    /// of the same chunk) against the budget; it is not part of this judge's own cost.</summary>
    public void SpentEarlier(decimal usd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usd);
        lock (_ledger)
        {
            _spentEarlier += usd;
        }
    }

    /// <summary>Whether both prices are known.</summary>
    public bool PricesKnown => priceInputPerMillion is not null && priceOutputPerMillion is not null;

    public decimal Cost(long input, long output) =>
        (input * _priceInput + output * _priceOutput) / 1_000_000m;

    /// <summary>Reserves the worst case of one call; false when it would take spending past the budget.</summary>
    public bool TryReserve(decimal worstCase)
    {
        lock (_ledger)
        {
            if (budgetUsd is { } budget && _spentEarlier + _spent + _reserved + worstCase > budget)
            {
                return false;
            }

            _reserved += worstCase;
            return true;
        }
    }

    /// <summary>Replaces a reservation by what the call really cost (zero for a call that got no answer back).
    /// <paramref name="reasoning"/> is the part of <paramref name="output"/> the model spent thinking; <paramref name="estimated"/>
    /// says the tokens were counted here because the answer had no <c>usage</c>.</summary>
    public void Settle(decimal reservation, long input, long output, long reasoning = 0, bool estimated = false)
    {
        Interlocked.Add(ref _reasoningTokens, reasoning);
        if (estimated)
        {
            Interlocked.Increment(ref _estimatedRequests);
        }

        var cost = Cost(input, output);
        lock (_ledger)
        {
            _reserved -= reservation;
            _spent += cost;
        }

        Interlocked.Add(ref _inputTokens, input);
        Interlocked.Add(ref _outputTokens, output);
    }

    public void Request() => Interlocked.Increment(ref _requests);

    public void RateLimitedResponse() => Interlocked.Increment(ref _rateLimited);

    public void Retry() => Interlocked.Increment(ref _retries);

    public void CacheHits(int count) => Interlocked.Add(ref _cacheHits, count);

    public void Judged() => Interlocked.Increment(ref _judged);

    public void Failed(bool budgetSkip)
    {
        Interlocked.Increment(ref _failed);
        if (budgetSkip)
        {
            Interlocked.Increment(ref _budgetSkipped);
        }
    }

    public LlmJudgeStats Snapshot()
    {
        decimal cost;
        lock (_ledger)
        {
            cost = _spent;
        }

        return new LlmJudgeStats(
            Interlocked.Read(ref _requests),
            Interlocked.Read(ref _inputTokens),
            Interlocked.Read(ref _outputTokens),
            cost,
            Interlocked.Read(ref _rateLimited),
            Interlocked.Read(ref _retries),
            Interlocked.Read(ref _cacheHits),
            Interlocked.Read(ref _judged),
            Interlocked.Read(ref _failed),
            Interlocked.Read(ref _budgetSkipped))
        {
            ReasoningTokens = Interlocked.Read(ref _reasoningTokens),
            UsageEstimatedRequests = Interlocked.Read(ref _estimatedRequests),
            CostBasis = !PricesKnown ? Kimera.Judging.CostBases.Unknown
                : Interlocked.Read(ref _estimatedRequests) > 0 ? Kimera.Judging.CostBases.Estimated
                : Kimera.Judging.CostBases.Measured,
        };
    }
}
