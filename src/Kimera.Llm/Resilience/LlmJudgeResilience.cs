using System.ClientModel;
using Kimera.Llm.Prompt;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace Kimera.Llm.Resilience;

/// <summary>The judge's Polly pipeline (total timeout → retry → circuit breaker → endpoint breaker → max in-flight →
/// rate buckets → attempt timeout) and the rules it runs on: which failures are retried and how often, how long to
/// wait when the server says, which failures count against the endpoint. The preflight probe shares its waits and
/// its attempt timeout, so both kinds of request treat the endpoint alike.</summary>
internal sealed class LlmJudgeResilience
{
    /// <summary>Where each execution carries its pair's request and counters, for the strategies that need them.</summary>
    public static readonly ResiliencePropertyKey<PairWork> WorkKey = new("kimera.llm.pair");

    private static readonly TimeSpan RetryAfterMargin = TimeSpan.FromMilliseconds(20);

    private readonly LlmJudgeOptions _options;
    private readonly LlmRateGate _gate;
    private readonly LlmErrorWording _errors;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _drawJitter;
    private readonly ILogger _logger;
    private readonly LlmEndpointBreaker _breaker;

    /// <param name="gate">The rate buckets each attempt is charged to.</param>
    /// <param name="errors">Words the failure a retry is logged after, and the cause an unavailable judge reports.</param>
    /// <param name="timeProvider">The clock of the waits, timeouts and breakers, and the "now" of an HTTP-date <c>Retry-After</c>.</param>
    /// <param name="drawJitter">Returns a number in [0, 1) for each jitter.</param>
    public LlmJudgeResilience(
        LlmJudgeOptions options, LlmRateGate gate, LlmErrorWording errors, TimeProvider timeProvider, Func<double> drawJitter, ILogger logger)
    {
        _options = options;
        _gate = gate;
        _errors = errors;
        _timeProvider = timeProvider;
        _drawJitter = drawJitter;
        _logger = logger;
        _breaker = new LlmEndpointBreaker(
            options.CircuitBreakerConsecutiveFailures,
            options.CircuitBreakerBreakDuration,
            options.UnavailableAfter,
            timeProvider,
            breakDuration => LlmJudgeLog.CircuitOpened(_logger, breakDuration.TotalMilliseconds),
            cause => LlmJudgeLog.Unavailable(_logger, options.UnavailableAfter.TotalSeconds, cause));
        Pipeline = Build();
    }

    /// <summary>The pipeline every attempt of a pair runs in; the execution's properties carry the pair under <see cref="WorkKey"/>.</summary>
    public ResiliencePipeline Pipeline { get; }

    /// <summary>The last endpoint failure while the judge is unavailable (<see cref="LlmEndpointBreaker.UnavailableCause"/>);
    /// <c>null</c> while it is not.</summary>
    public string? UnavailableCause => _breaker.UnavailableCause;

    /// <summary>A pipeline of the attempt timeout alone, on the judge's clock: the preflight's one bound per request.</summary>
    public ResiliencePipeline NewAttemptTimeout() =>
        new ResiliencePipelineBuilder { TimeProvider = _timeProvider }.AddTimeout(_options.AttemptTimeout).Build();

    /// <summary>Whether <paramref name="exception"/> may pass if asked again: a retryable status, a timeout, an open
    /// circuit or a transport failure.</summary>
    public static bool IsTransient(Exception exception) => exception
        is ClientResultException { Status: 0 or 408 or 409 or 429 or >= 500 }
        or TimeoutRejectedException
        or BrokenCircuitException
        or HttpRequestException
        or IOException;

    /// <summary>The wait the server asked for (plus a 20 ms margin and up to 10% jitter so waiting clients do not return together),
    /// or <c>null</c> to fall back to exponential back-off with jitter.</summary>
    public TimeSpan? ServerRequestedDelay(Exception? exception)
    {
        TimeSpan? wait = exception switch
        {
            BrokenCircuitException { RetryAfter: { } retryAfter } => retryAfter,
            ClientResultException e when e.GetRawResponse() is { } response =>
                RetryAfterHeaders.Parse(name => response.Headers.TryGetValue(name, out var value) ? value : null, _timeProvider.GetUtcNow()),
            _ => null,
        };
        if (wait is not { } delay)
        {
            return null;
        }

        // A timer may fire up to a tick (about 1 ms) before its due time, and the server counts from when it sent the
        // answer: without a margin a retry could arrive a fraction of a millisecond early and meet another 429.
        delay += RetryAfterMargin + TimeSpan.FromTicks((long)(delay.Ticks * 0.1 * _drawJitter()));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private ResiliencePipeline Build() => new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
        .AddTimeout(_options.TotalTimeout)
        .AddRetry(new RetryStrategyOptions
        {
            // Upper bound only: ShouldHandle counts transient failures and unparsable answers separately.
            MaxRetryAttempts = _options.MaxRetries + _options.MaxParseAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Randomizer = _drawJitter,
            Delay = _options.RetryBaseDelay,
            MaxDelay = _options.MaxRetryDelay,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context.Properties.GetValue(WorkKey, null!))),
            DelayGenerator = args => ValueTask.FromResult(ServerRequestedDelay(args.Outcome.Exception)),
            OnRetry = args =>
            {
                // Counted and logged when the attempt is sent (LlmJudge.AttemptAsync), not here: a retry that then meets the
                // open circuit breaker or the total timeout never reaches the server, and must not count as one.
                var work = args.Context.Properties.GetValue(WorkKey, null!);
                work.RetryAfterFailure = args.Outcome.Exception;
                work.RetryReason = _errors.Describe(args.Outcome.Exception);
                work.RetryDelayMs = args.RetryDelay.TotalMilliseconds;
                return default;
            },
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = _options.CircuitBreakerFailureRatio,
            MinimumThroughput = 20,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = _options.CircuitBreakerBreakDuration,
            // 429s have their own remedy (Retry-After); only signs of a sick endpoint open the circuit.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is ClientResultException { Status: 0 or >= 500 }
                or TimeoutRejectedException or HttpRequestException or IOException),
            OnOpened = args =>
            {
                LlmJudgeLog.CircuitOpened(_logger, args.BreakDuration.TotalMilliseconds);
                return default;
            },
        })
        .AddStrategy(_ => new LlmEndpointBreaker.Strategy(_breaker, e => _errors.Describe(e)), new LlmEndpointBreaker.StrategyOptions())
        // Holds no clock: a slot is freed when an attempt ends, whatever the time.
        .AddConcurrencyLimiter(_options.MaxConcurrency, int.MaxValue)
        .AddRateLimiter(new RateLimiterStrategyOptions
        {
            RateLimiter = args => _gate.AcquireAsync(args.Context.Properties.GetValue(WorkKey, null!).RateTokens, args.Context.CancellationToken),
        })
        .AddTimeout(_options.AttemptTimeout)
        .Build();

    /// <summary>Attempts at most for an answer that would come back the same if asked again: one retry, in case it does not.</summary>
    public const int RepeatingFailureAttempts = 2;

    /// <summary>At or below this temperature a model asked the same question again gives much the same answer, so an
    /// unparsable answer is retried at most once (<see cref="RepeatingFailureAttempts"/>); above it up to
    /// <see cref="LlmJudgeOptions.MaxParseAttempts"/>.</summary>
    public const double LowTemperature = 0.5;

    /// <summary>Attempts at most for a pair whose answer failed with <paramref name="exception"/>: a malformed body (the
    /// transport's fault) <see cref="LlmJudgeOptions.MaxParseAttempts"/>; an answer cut at the output-token limit, or an
    /// unparsable answer at a low temperature, <see cref="RepeatingFailureAttempts"/> (never more than MaxParseAttempts).</summary>
    public int AnswerAttempts(Exception exception) => exception switch
    {
        AnswerCutException => Math.Min(RepeatingFailureAttempts, _options.MaxParseAttempts),
        UnparsableAnswerException { MalformedBody: false } when (_options.EffectiveTemperature ?? 1.0) <= LowTemperature =>
            Math.Min(RepeatingFailureAttempts, _options.MaxParseAttempts),
        _ => _options.MaxParseAttempts,
    };

    private bool ShouldRetry(Exception? exception, PairWork work) => exception switch
    {
        null or JudgeUnavailableException => false,
        UnparsableAnswerException or AnswerCutException => work.ParseFailures < AnswerAttempts(exception),
        _ when _breaker.UnavailableCause is not null && IsTransient(exception) => false,
        _ when IsTransient(exception) => ++work.TransientFailures <= _options.MaxRetries,
        _ => false,
    };
}
