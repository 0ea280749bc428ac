namespace Kimera.Statistics;

/// <summary>One judge's result on one pair as the statistics see it: a verdict and a score, or an error.</summary>
/// <param name="Pred">The verdict (true = contradiction); <c>null</c> when the judge could not judge the pair.</param>
/// <param name="Score">Score for ROC/PR curves (higher = more likely a contradiction); <c>null</c> when absent.</param>
/// <param name="Error">Why there is no verdict, when known.</param>
public sealed record JudgeOutcome(bool? Pred, double? Score, string? Error = null)
{
    /// <summary>True when the pair counts as an error for this judge: no verdict, or an error recorded.</summary>
    public bool IsError => Pred is null || Error is not null;
}
