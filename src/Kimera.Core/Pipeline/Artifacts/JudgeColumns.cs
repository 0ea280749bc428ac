
namespace Kimera.Pipeline.Artifacts;

/// <summary>One judge's columns of a results row: verdict, score and error (empty when judged).</summary>
public sealed record JudgeColumns(bool? Prediction, double? Score, string? Error)
{
    /// <summary>A pair counts as judged when it has a verdict and no error.</summary>
    public bool IsJudged => Prediction is not null && string.IsNullOrEmpty(Error);
}
