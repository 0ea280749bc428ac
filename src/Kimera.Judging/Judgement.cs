namespace Kimera.Judging;

/// <summary>One judge's answer for one pair: a verdict with its confidence, or an error and no verdict.</summary>
/// <param name="IsContradiction">The verdict; <c>null</c> when the judge could not judge the pair.</param>
/// <param name="Confidence">The judge's confidence in its verdict, 0..1.</param>
/// <param name="Reasoning">Short explanation given by the judge.</param>
/// <param name="Error">Why there is no verdict; <c>null</c> for a judged pair.</param>
public sealed record Judgement(bool? IsContradiction, double? Confidence, string? Reasoning, string? Error = null)
{
    /// <summary>Score for ROC/PR curves: the confidence for a contradiction verdict, else one minus it.</summary>
    public double? Score => IsContradiction is { } verdict && Confidence is { } confidence
        ? verdict ? confidence : 1 - confidence
        : null;

    /// <summary>Requests, tokens and cost spent on this judgement; <c>null</c> for judges that cost nothing.</summary>
    public JudgeUsage? Usage { get; init; }

    /// <summary>Each repeat's own judgement when the judge asked the pair several times (this judgement is then their
    /// majority, <see cref="RepeatedVerdict"/>); <c>null</c> for a judge asked once.</summary>
    public IReadOnlyList<Judgement>? Repeats { get; init; }

    /// <summary>The verdict of each order when the judge asked the pair in both orders: [0] (text1, text2), [1] (text2, text1),
    /// each the majority of that order's repeats (this judgement then combines all the answers, <see cref="OrderedVerdict"/>);
    /// <c>null</c> for a judge asked in one order.</summary>
    public IReadOnlyList<Judgement>? Orders { get; init; }

    /// <summary>True when the judge gave a verdict.</summary>
    public bool IsJudged => IsContradiction is not null && Error is null;

    /// <summary>A failed judgement: counted as an error, never as a verdict.</summary>
    public static Judgement Failed(string error) => new(null, null, null, error);
}
