using Kimera.Llm.Prompt;
using Polly;

namespace Kimera.Llm.Resilience;

/// <summary>The judge's second circuit breaker: it opens after <see cref="LlmJudgeOptions.CircuitBreakerConsecutiveFailures"/>
/// endpoint failures in a row (timeouts, transport errors, 5xx), whatever the time between them, so an endpoint that
/// hangs is noticed after a few attempt timeouts. While open, calls wait (no request, no retry used up, no request slot
/// held); after the break one call goes through as a trial, the others wait on. An answer from the
/// endpoint, a trial's or a straggler's, closes it. When it has stayed open for
/// <see cref="LlmJudgeOptions.UnavailableAfter"/> without an answer, the judge is unavailable: calls are rejected with
/// <see cref="JudgeUnavailableException"/> (never retried), one trial per break still goes out, and an answer makes
/// the judge available again (a long-lived host is not stuck with it).</summary>
/// <remarks>Polly's own breaker (failure ratio over a sampling window) stays in front of this one: it needs 20
/// outcomes in 30 s, which attempts that time out after 30 s never produce.</remarks>
internal sealed class LlmEndpointBreaker
{
    private readonly Lock _lock = new();
    private readonly int _threshold;
    private readonly TimeSpan _breakDuration;
    private readonly TimeSpan _unavailableAfter;
    private readonly TimeProvider _time;
    private readonly Action<TimeSpan> _onOpened;
    private readonly Action<string> _onUnavailable;
    private int _consecutive;
    private long? _openUntil;
    private long? _outageSince;
    private bool _trialInFlight;
    private string _lastCause = "no answer";
    private string? _unavailable;

    public LlmEndpointBreaker(
        int threshold, TimeSpan breakDuration, TimeSpan unavailableAfter, TimeProvider time, Action<TimeSpan> onOpened, Action<string> onUnavailable)
    {
        _threshold = threshold;
        _breakDuration = breakDuration;
        _unavailableAfter = unavailableAfter;
        _time = time;
        _onOpened = onOpened;
        _onUnavailable = onUnavailable;
    }

    /// <summary>The cause (the last endpoint failure) while the judge is unavailable; <c>null</c> while it is not.</summary>
    public string? UnavailableCause
    {
        get
        {
            lock (_lock)
            {
                return _unavailable;
            }
        }
    }

    /// <summary>Returns <c>null</c> when the call may go out (<paramref name="trial"/> tells whether it is the trial)
    /// or must wait <paramref name="wait"/> and ask again (the circuit is open); otherwise the exception that rejects it.</summary>
    public Exception? TryEnter(out bool trial, out TimeSpan wait)
    {
        trial = false;
        wait = TimeSpan.Zero;
        string? latched = null;
        Exception? rejection = null;
        lock (_lock)
        {
            if (_openUntil is { } openUntil)
            {
                var now = _time.GetTimestamp();
                if (_unavailable is null && _outageSince is { } since && _time.GetElapsedTime(since, now) >= _unavailableAfter)
                {
                    _unavailable = latched = _lastCause;
                }

                if (now >= openUntil && !_trialInFlight)
                {
                    _trialInFlight = trial = true;
                }
                else if (_unavailable is { } cause)
                {
                    rejection = new JudgeUnavailableException(cause);
                }
                else
                {
                    // Until the break is over, or while the trial is out, poll every tenth of a break: an answered trial lets the waiters go soon.
                    var tenth = _breakDuration / 10;
                    var rest = now >= openUntil ? tenth : _time.GetElapsedTime(now, openUntil);
                    wait = rest < tenth ? tenth : rest;
                }
            }
        }

        if (latched is not null)
        {
            _onUnavailable(latched);
        }

        return rejection;
    }

    /// <summary>Records how a call that went out ended; <paramref name="describe"/> names an endpoint failure.</summary>
    public void Record(Exception? exception, bool trial, Func<Exception, string> describe)
    {
        var endpointFailure = IsEndpointFailure(exception);
        var opened = false;
        string? latched = null;
        lock (_lock)
        {
            if (trial)
            {
                _trialInFlight = false;
            }

            if (!endpointFailure)
            {
                if (!IsAnswer(exception))
                {
                    // Neither (a stopped run, the budget): says nothing about the endpoint.
                    return;
                }

                // The endpoint answered (even a 429 or 400 is an answer): it is alive.
                _consecutive = 0;
                _openUntil = null;
                _outageSince = null;
                _unavailable = null;
                return;
            }

            _lastCause = describe(exception!);
            _consecutive++;
            var now = _time.GetTimestamp();
            if (trial || (_openUntil is null && _consecutive >= _threshold))
            {
                opened = _openUntil is null;
                _openUntil = now + (long)(_breakDuration.TotalSeconds * _time.TimestampFrequency);
                _outageSince ??= now;
            }

            if (_unavailable is null && _outageSince is { } since && _time.GetElapsedTime(since, now) >= _unavailableAfter)
            {
                _unavailable = latched = _lastCause;
            }
        }

        if (opened)
        {
            _onOpened(_breakDuration);
        }

        if (latched is not null)
        {
            _onUnavailable(latched);
        }
    }

    /// <summary>Signs that the endpoint itself is down, hangs or is broken; a 4xx or an unparsable answer is not one.</summary>
    public static bool IsEndpointFailure(Exception? exception) => exception
        is System.ClientModel.ClientResultException { Status: 0 or >= 500 }
        or Polly.Timeout.TimeoutRejectedException
        or HttpRequestException
        or IOException;

    /// <summary>The endpoint answered: a completion, an unparsable or cut one, or an HTTP status below 500.</summary>
    private static bool IsAnswer(Exception? exception) => exception
        is null
        or UnparsableAnswerException
        or AnswerCutException
        or System.ClientModel.ClientResultException { Status: > 0 and < 500 };

    /// <summary>The pipeline stage around this breaker.</summary>
    internal sealed class Strategy(LlmEndpointBreaker breaker, Func<Exception, string> describe) : ResilienceStrategy
    {
        protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
        {
            bool trial;
            while (true)
            {
                if (breaker.TryEnter(out trial, out var wait) is { } rejection)
                {
                    return Outcome.FromException<TResult>(rejection);
                }

                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                // Waiting for an open circuit is not an attempt: it uses up no retry and holds no request slot.
                try
                {
                    await Task.Delay(wait, breaker._time, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
                }
                catch (OperationCanceledException e)
                {
                    return Outcome.FromException<TResult>(e);
                }
            }

            Outcome<TResult> outcome;
            try
            {
                outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (Exception e)
            {
                outcome = Outcome.FromException<TResult>(e);
            }

            // A stopped run or a spent budget leaves the count as it is (neither an answer nor an endpoint failure).
            breaker.Record(outcome.Exception, trial, describe);
            return outcome;
        }
    }

    internal sealed class StrategyOptions : ResilienceStrategyOptions
    {
        public StrategyOptions() => Name = "kimera-endpoint-breaker";
    }
}
