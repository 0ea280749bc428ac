using System.Globalization;

namespace Kimera.Judging;

/// <summary>The verdict of a judge asked the same pair several times: the mean of the judged repeats' scores decides
/// (a contradiction above 0.5, none below; a tie of exactly 0.5 is no contradiction, the cautious side), and the
/// confidence is how far the mean leans that way. Repeats that failed are left out; when all failed, so does the verdict.</summary>
public static class RepeatedVerdict
{
    /// <summary>The majority of <paramref name="repeats"/>, carrying them in <see cref="Judgement.Repeats"/> (without their usage,
    /// which the majority sums, so a repeat's cost is counted once) and their summed usage.</summary>
    public static Judgement Combine(IReadOnlyList<Judgement> repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        ArgumentOutOfRangeException.ThrowIfZero(repeats.Count);
        var usage = Sum(repeats.Select(r => r.Usage));
        var stripped = repeats.Select(r => r with { Usage = null }).ToArray();
        var judged = repeats.Where(r => r.IsJudged && r.Score is not null).ToArray();
        if (judged.Length == 0)
        {
            return Judgement.Failed(repeats.First(r => r.Error is not null).Error!) with { Usage = usage, Repeats = stripped };
        }

        var mean = judged.Average(r => r.Score!.Value);
        var isContradiction = mean > 0.5;
        var contradictions = judged.Count(r => r.IsContradiction == true);
        var reasoning = string.Create(CultureInfo.InvariantCulture,
            $"majority of {judged.Length} of {repeats.Count} repeats ({contradictions} contradiction, {judged.Length - contradictions} not; mean score {mean:0.###})");
        return new Judgement(isContradiction, isContradiction ? mean : 1 - mean, reasoning) { Usage = usage, Repeats = stripped };
    }

    private static JudgeUsage? Sum(IEnumerable<JudgeUsage?> usages)
    {
        var all = usages.ToArray();
        if (all.All(u => u is null))
        {
            return null;
        }

        var present = all.Select(u => u ?? new JudgeUsage()).ToArray();
        return new JudgeUsage(
            present.Sum(u => u.Requests),
            present.Sum(u => u.InputTokens),
            present.Sum(u => u.OutputTokens),
            present.Sum(u => u.CostUsd),
            present.All(u => u.FromCache),
            present.Sum(u => u.RateLimited),
            present.Sum(u => u.Retries),
            present.Sum(u => u.ReasoningTokens),
            present.Sum(u => u.EstimatedRequests),
            present.Any(u => u.PriceUnknown));
    }
}
