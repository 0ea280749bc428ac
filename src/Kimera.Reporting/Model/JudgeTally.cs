using Kimera.Judging;

namespace Kimera.Reporting.Model;

/// <summary>Counts for one judge over some pairs: verdicts, errors and what the judging cost. Adds up across chunks.</summary>
public sealed record JudgeTally
{
    public long Judged { get; init; }

    public long Errors { get; init; }

    public long Contradictions { get; init; }

    public long Requests { get; init; }

    public long InputTokens { get; init; }

    /// <summary>Completion tokens, <see cref="ReasoningTokens"/> included.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Of <see cref="OutputTokens"/>, the model's thinking as the API reported it.</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Requests whose answer had no <c>usage</c>: their tokens were counted with the tokenizer.</summary>
    public long UsageEstimatedRequests { get; init; }

    /// <summary>Requests to a model whose prices are not known (no profile price, no price option): their cost is not in <see cref="CostUsd"/>.</summary>
    public long PriceUnknownRequests { get; init; }

    /// <summary>How far <see cref="CostUsd"/> can be trusted: <c>unknown</c> when some request's prices were not known,
    /// <c>estimated</c> when some request's tokens were counted here rather than reported by the API, otherwise <c>measured</c>.</summary>
    public string CostBasis => PriceUnknownRequests > 0 ? CostBases.Unknown : UsageEstimatedRequests > 0 ? CostBases.Estimated : CostBases.Measured;

    /// <summary>US dollars billed for this judge's requests, including <see cref="UnfinishedAttemptsCostUsd"/>.</summary>
    public double CostUsd { get; init; }

    /// <summary>Of <see cref="CostUsd"/>, what attempts that ended before writing their results spent: a stopped
    /// <c>kimera run</c> resumed later, a durable chunk retried after a failure. Their verdicts are in the judgement cache.</summary>
    public double UnfinishedAttemptsCostUsd { get; init; }

    public long CacheHits { get; init; }

    public long RateLimited { get; init; }

    public long Retries { get; init; }

    public static JudgeTally Of(IEnumerable<Judgement> judgements)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        return judgements.Aggregate(new JudgeTally(), (tally, judgement) => tally.Add(One(judgement)));
    }

    private static JudgeTally One(Judgement judgement)
    {
        var usage = judgement.Usage ?? new JudgeUsage();
        return new JudgeTally
        {
            Judged = judgement.IsJudged ? 1 : 0,
            Errors = judgement.IsJudged ? 0 : 1,
            Contradictions = judgement.IsJudged && judgement.IsContradiction == true ? 1 : 0,
            Requests = usage.Requests,
            InputTokens = usage.InputTokens,
            OutputTokens = usage.OutputTokens,
            ReasoningTokens = usage.ReasoningTokens,
            UsageEstimatedRequests = usage.EstimatedRequests,
            PriceUnknownRequests = usage.PriceUnknown ? usage.Requests : 0,
            CostUsd = usage.CostUsd,
            CacheHits = usage.FromCache ? 1 : 0,
            RateLimited = usage.RateLimited,
            Retries = usage.Retries,
        };
    }

    public JudgeTally Add(JudgeTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new JudgeTally
        {
            Judged = Judged + other.Judged,
            Errors = Errors + other.Errors,
            Contradictions = Contradictions + other.Contradictions,
            Requests = Requests + other.Requests,
            InputTokens = InputTokens + other.InputTokens,
            OutputTokens = OutputTokens + other.OutputTokens,
            ReasoningTokens = ReasoningTokens + other.ReasoningTokens,
            UsageEstimatedRequests = UsageEstimatedRequests + other.UsageEstimatedRequests,
            PriceUnknownRequests = PriceUnknownRequests + other.PriceUnknownRequests,
            CostUsd = CostUsd + other.CostUsd,
            UnfinishedAttemptsCostUsd = UnfinishedAttemptsCostUsd + other.UnfinishedAttemptsCostUsd,
            CacheHits = CacheHits + other.CacheHits,
            RateLimited = RateLimited + other.RateLimited,
            Retries = Retries + other.Retries,
        };
    }
}
