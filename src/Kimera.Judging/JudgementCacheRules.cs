using System.Diagnostics.CodeAnalysis;

namespace Kimera.Judging;

/// <summary>What every <see cref="IJudgementCache"/> checks before it stores anything.</summary>
public static class JudgementCacheRules
{
    /// <summary>Only judged pairs are cached: an error stored as an answer would stop the next run from trying the pair again.</summary>
    /// <exception cref="ArgumentException"><paramref name="judgement"/> has no verdict or no confidence.</exception>
    public static void RequireVerdict(string key, [NotNull] Judgement? judgement, string paramName)
    {
        if (judgement is null || !judgement.IsJudged || judgement.Confidence is null)
        {
            throw new ArgumentException(
                $"Judgement for key '{key}' has no verdict (error: '{judgement?.Error}'); only judged pairs are cached.", paramName);
        }
    }
}
