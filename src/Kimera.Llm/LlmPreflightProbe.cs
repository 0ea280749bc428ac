using System.ClientModel;
using System.Net.Sockets;
using System.Text.Json;
using Kimera.Llm.Budget;
using Kimera.Llm.Prompt;
using Kimera.Llm.Resilience;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Kimera.Llm;

/// <summary>The preflight request behind <see cref="LlmJudge.PreflightAsync"/>: one real chat completion on
/// <see cref="LlmJudge.PreflightPair"/>, through the judge's rate buckets and budget but outside its retry pipeline, so that
/// an endpoint that is down, wrong or hangs is named in seconds. It has its own retry rule (one more try after a 408,
/// 429, 5xx or dropped connection) and its own causes, worded for someone fixing the configuration.</summary>
internal sealed class LlmPreflightProbe
{
    private readonly LlmJudgeOptions _options;
    private readonly LlmChat _chat;
    private readonly LlmBudgetEstimator _estimator;
    private readonly LlmUsageMeter _meter;
    private readonly LlmRateGate _gate;
    private readonly LlmJudgeResilience _resilience;
    private readonly LlmErrorWording _errors;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="meter">The judge's meter: the probe is a request like the others, counted and charged to the budget.</param>
    /// <param name="resilience">The judge's waits (Retry-After) and attempt timeout.</param>
    public LlmPreflightProbe(
        LlmJudgeOptions options, LlmChat chat, LlmBudgetEstimator estimator, LlmUsageMeter meter, LlmRateGate gate,
        LlmJudgeResilience resilience, LlmErrorWording errors, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _chat = chat;
        _estimator = estimator;
        _meter = meter;
        _gate = gate;
        _resilience = resilience;
        _errors = errors;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Sends the preflight request (<see cref="LlmPreflightResult.Sent"/>): no failure when the endpoint answered with
    /// a verdict <see cref="LlmAnswerParser"/> reads, or no budget is left for the request; otherwise the failure, marked
    /// when the answer was cut at the output-token limit, was not the verdict, or a 400 named a request parameter.
    /// Throws only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<LlmPreflightResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var (first, second) = LlmJudge.PreflightPair;
        var promptTokens = _estimator.PromptTokens(first, second);
        var worstCase = _estimator.WorstCaseCost(promptTokens);
        var messages = LlmChat.Messages(first, second);
        var timeout = _resilience.NewAttemptTimeout();
        for (var attempt = 1; ; attempt++)
        {
            if (!_meter.TryReserve(worstCase))
            {
                // No budget left even for this: the run's pairs will be budget-skipped without a request anyway.
                return Passed;
            }

            long input = 0;
            long output = 0;
            long reasoning = 0;
            var estimated = false;
            try
            {
                using var lease = await _gate.AcquireAsync(promptTokens + _options.OutputTokenLimit, cancellationToken).ConfigureAwait(false);
                _meter.Request();
                var completion = await timeout.ExecuteAsync(
                    async token => await _chat.CompleteAsync(messages, token).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                var text = LlmChat.AnswerText(completion);
                estimated = completion.Usage is null;
                input = completion.Usage?.InputTokenCount ?? promptTokens;
                output = completion.Usage?.OutputTokenCount ?? _estimator.CountTokens(text ?? string.Empty);
                reasoning = completion.Usage?.OutputTokenDetails?.ReasoningTokenCount ?? 0;

                // Not retried: asked again at the same limit it would be cut again, and at the judge's temperature an answer
                // that is not the verdict would most likely come back alike.
                if (LlmAnswerParser.TryParse(text, out _, out var problem))
                {
                    return Passed;
                }

                // An empty answer is taken for no answer: a reasoning model whose thinking used the limit may send "" as well as null.
                return LlmChat.IsCut(completion, string.IsNullOrWhiteSpace(text) ? null : text)
                    ? new LlmPreflightResult(true, _errors.PreflightAnswerCut()) { AnswerCut = true }
                    : new LlmPreflightResult(true, _errors.PreflightUnparsable(problem, text)) { AnswerUnparsable = true };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (ClientResultException e) when (attempt == 1 && e.Status is 408 or 429 or >= 500)
            {
                if (e.Status == 429)
                {
                    _meter.RateLimitedResponse();
                }

                var wait = _resilience.ServerRequestedDelay(e) ?? _options.RetryBaseDelay;
                wait = wait < LlmJudge.PreflightMaxRetryWait ? wait : LlmJudge.PreflightMaxRetryWait;
                LlmJudgeLog.PreflightRetrying(_logger, wait.TotalMilliseconds, _errors.Describe(e));
                await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt == 1 && IsDroppedConnection(e))
            {
                // A connection reset or an answer cut off is transient, unlike a refused connection or an unknown host: one more try.
                LlmJudgeLog.PreflightRetrying(_logger, _options.RetryBaseDelay.TotalMilliseconds, _errors.Describe(e));
                await Task.Delay(_options.RetryBaseDelay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (ClientResultException e) when (e.Status is 401 or 403)
            {
                return Failed(_errors.KeyRefused(e));
            }
            catch (ClientResultException e) when (e.Status == 404)
            {
                return Failed(_errors.NoSuchModel(e));
            }
            catch (ClientResultException e) when (e.Status == 400
                && LlmErrorWording.ErrorBody(e) is var (param, message)
                && LlmPreRunWording.RejectedParameter(param, message) is { } parameter)
            {
                // A parameter the model does not take: the same on every request, so not retried; the advice names it.
                return new LlmPreflightResult(true, _errors.PreflightRefused(_errors.Describe(e))) { RejectedParameter = parameter };
            }
            catch (JsonException e)
            {
                return Failed(LlmErrorWording.NotAChatCompletion(e));
            }
            catch (Exception e)
            {
                return Failed(_errors.Describe(e));
            }
            finally
            {
                _meter.Settle(worstCase, input, output, reasoning, estimated);
            }
        }
    }

    private static LlmPreflightResult Passed { get; } = new(true, null);

    private LlmPreflightResult Failed(string cause) => new(true, _errors.PreflightFailed(cause));

    /// <summary>Whether <paramref name="error"/> is a connection dropped mid-exchange (an I/O error that is not a refused
    /// connection or a failed name lookup).</summary>
    private static bool IsDroppedConnection(Exception error)
    {
        var dropped = false;
        for (var e = (Exception?)error; e is not null; e = e.InnerException)
        {
            // No answer within the attempt timeout is a hung endpoint, not a dropped connection.
            if (e is TimeoutRejectedException or OperationCanceledException)
            {
                return false;
            }

            if (e is SocketException
                {
                    SocketErrorCode: SocketError.ConnectionRefused
                or SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
                })
            {
                return false;
            }

            dropped |= e is IOException;
        }

        return dropped;
    }
}
