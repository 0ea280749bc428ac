using Microsoft.Extensions.Logging;

namespace Kimera.Llm;

/// <summary>The judge's structured log messages. None of them takes the options or any header: the key cannot leak.</summary>
internal static partial class LlmJudgeLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "LLM judge: {Pairs} pairs, {CacheHits} from cache, {ToSend} to ask {Model} at {Endpoint}")]
    public static partial void Starting(ILogger logger, int pairs, int cacheHits, int toSend, string model, string endpoint);

    /// <summary>One line per retry of a pair, at the level <c>kimera run -v</c> shows: these lines are what <c>report.json</c>'s
    /// <c>retries</c> counts.</summary>
    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "Pair {PairId}: retry {Attempt} in {DelayMs} ms after {Reason}")]
    public static partial void Retrying(ILogger logger, string pairId, int attempt, double delayMs, string reason);

    /// <summary>The preflight's one retry: not a pair's, so it has its own line and is not among the retries that
    /// <c>report.json</c> counts (the pairs' retries, each logged once by <see cref="Retrying"/>).</summary>
    [LoggerMessage(EventId = 4009, Level = LogLevel.Information,
        Message = "Preflight request: retry in {DelayMs} ms after {Reason}")]
    public static partial void PreflightRetrying(ILogger logger, double delayMs, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Pair {PairId} not judged: {Error}")]
    public static partial void PairFailed(ILogger logger, string pairId, string error);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "LLM budget of {BudgetUsd} USD reached: no more requests, remaining pairs are recorded as budget-skipped")]
    public static partial void BudgetReached(ILogger logger, decimal budgetUsd);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information,
        Message = "LLM judge done: {Requests} requests, {InputTokens} input and {OutputTokens} output tokens, {CostUsd} USD, {RateLimited} rate-limited, {Retries} retries, {Failed} failed")]
    public static partial void Finished(ILogger logger, long requests, long inputTokens, long outputTokens, decimal costUsd, long rateLimited, long retries, long failed);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Writing {Count} judgements to the cache failed; they will be asked again next run")]
    public static partial void CacheWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "LLM circuit breaker opened for {BreakMs} ms")]
    public static partial void CircuitOpened(ILogger logger, double breakMs);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning,
        Message = "LLM judge unavailable: the endpoint has failed for {Seconds} s ({Cause}); the pairs not judged yet are recorded as 'judge unavailable'")]
    public static partial void Unavailable(ILogger logger, double seconds, string cause);
}
