using System.ClientModel;
using System.Text.Json;
using Kimera.Judging;
using Kimera.Llm.Budget;
using Kimera.Llm.Prompt;
using OpenAI.Chat;
using Polly;

namespace Kimera.Llm;

// One attempt of a pair, as the pipeline runs it, and what a pair's attempts cost. A part of LlmJudge rather than a class
// of its own: it shares the judge's budget latch (_budgetExhausted, set when the pipeline gives up), meter and chat client.
public sealed partial class LlmJudge
{
    /// <summary>One attempt of a pair, run inside the pipeline: reserves the worst case against the budget, sends the
    /// request and settles what it really cost, and parses the answer (an unparsable or cut one throws, for the retry strategy).
    /// An answer that parses is taken even when the model then ran into the limit (prose after the object).</summary>
    private async ValueTask<Judgement> AttemptAsync(ResilienceContext context, PairWork work)
    {
        if (Volatile.Read(ref _budgetExhausted) != 0 || !_meter.TryReserve(work.WorstCaseCost))
        {
            // A retry the budget refuses leaves the pair with the cause of the attempt before it.
            throw new BudgetExhaustedException(work.Attempts > 0 ? work.RetryAfterFailure : null);
        }

        work.Attempts++;
        if (work.Attempts > 1)
        {
            // The one place a retry is counted: the stats, this log line and the pair's usage (Attempts − 1, summed
            // into report.json) all count the attempts after the first that were sent.
            _meter.Retry();
            LlmJudgeLog.Retrying(_logger, work.PairId, work.Attempts - 1, work.RetryDelayMs, work.RetryReason ?? "no answer");
        }

        long input = 0;
        long output = 0;
        long reasoning = 0;
        var estimated = false;
        try
        {
            _meter.Request();
            ChatCompletion completion;
            try
            {
                completion = await _chat.CompleteAsync(work.Messages, context.CancellationToken).ConfigureAwait(false);
            }
            catch (ClientResultException e) when (e.Status == 429)
            {
                _meter.RateLimitedResponse();
                work.RateLimited++;
                throw;
            }
            catch (JsonException e)
            {
                // A 200 whose body is not the chat-completion JSON: as unusable as a garbled answer.
                work.ParseFailures++;
                throw new UnparsableAnswerException(LlmErrorWording.MalformedBody(e), malformedBody: true);
            }

            var text = LlmChat.AnswerText(completion);
            if (completion.Usage is { } usage)
            {
                // Completion tokens include the reasoning tokens: OpenAI bills them as output.
                input = usage.InputTokenCount;
                output = usage.OutputTokenCount;
                reasoning = usage.OutputTokenDetails?.ReasoningTokenCount ?? 0;
            }
            else
            {
                // Some self-hosted servers (Ollama, LM Studio) omit usage: the tokens are counted with the tokenizer, the
                // prompt as the estimate counts it and the answer's text, and the cost is marked estimated.
                (input, output) = (work.PromptTokens, Estimator.CountTokens(text ?? string.Empty));
                estimated = true;
            }

            if (!LlmAnswerParser.TryParse(text, out var judgement, out var problem))
            {
                work.ParseFailures++;
                throw LlmChat.IsCut(completion, text) ? new AnswerCutException(_options.OutputTokenLimit) : new UnparsableAnswerException(problem);
            }

            return judgement;
        }
        finally
        {
            _meter.Settle(work.WorstCaseCost, input, output, reasoning, estimated);
            work.InputTokens += input;
            work.OutputTokens += output;
            work.ReasoningTokens += reasoning;
            work.EstimatedRequests += estimated ? 1 : 0;
        }
    }

    private JudgeUsage UsageOf(PairWork work) => new(
        Requests: work.Attempts,
        InputTokens: work.InputTokens,
        OutputTokens: work.OutputTokens,
        CostUsd: (double)_meter.Cost(work.InputTokens, work.OutputTokens),
        RateLimited: work.RateLimited,
        Retries: Math.Max(0, work.Attempts - 1),
        ReasoningTokens: work.ReasoningTokens,
        EstimatedRequests: work.EstimatedRequests,
        PriceUnknown: !_meter.PricesKnown);
}
