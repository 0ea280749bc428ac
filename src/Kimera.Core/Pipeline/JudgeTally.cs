using Kimera.Judging;

namespace Kimera.Pipeline;

/// <summary>Counts for one judge over some pairs: verdicts, errors and what the judging cost. Adds up across chunks.</summary>
public sealed record JudgeTally
{
    public long Judged { get; init; }

    public long Errors { get; init; }

    public long Contradictions { get; init; }

    public long Requests { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public double CostUsd { get; init; }

    public long CacheHits { get; init; }

    public long RateLimited { get; init; }

    public long Retries { get; init; }

    public static JudgeTally Of(IEnumerable<Judgement> judgements)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        var tally = new JudgeTally();
        foreach (var j in judgements)
        {
            var usage = j.Usage ?? new JudgeUsage();
            tally = tally with
            {
                Judged = tally.Judged + (j.IsJudged ? 1 : 0),
                Errors = tally.Errors + (j.IsJudged ? 0 : 1),
                Contradictions = tally.Contradictions + (j.IsJudged && j.IsContradiction == true ? 1 : 0),
                Requests = tally.Requests + usage.Requests,
                InputTokens = tally.InputTokens + usage.InputTokens,
                OutputTokens = tally.OutputTokens + usage.OutputTokens,
                CostUsd = tally.CostUsd + usage.CostUsd,
                CacheHits = tally.CacheHits + (usage.FromCache ? 1 : 0),
                RateLimited = tally.RateLimited + usage.RateLimited,
                Retries = tally.Retries + usage.Retries,
            };
        }

        return tally;
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
            CostUsd = CostUsd + other.CostUsd,
            CacheHits = CacheHits + other.CacheHits,
            RateLimited = RateLimited + other.RateLimited,
            Retries = Retries + other.Retries,
        };
    }
}
