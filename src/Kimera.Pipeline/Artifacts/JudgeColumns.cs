
namespace Kimera.Pipeline.Artifacts;

/// <summary>One judge's columns of a results row: verdict, score and error (empty when judged).</summary>
public sealed record JudgeColumns(bool? Prediction, double? Score, string? Error)
{
    /// <summary>A pair counts as judged when it has a verdict and no error.</summary>
    public bool IsJudged => Prediction is not null && string.IsNullOrEmpty(Error);

    /// <summary>The judge's confidence in its verdict (<c>J_confidence</c>), when the table has it.</summary>
    public double? Confidence { get; init; }

    /// <summary>The judge's reason (<c>J_reasoning</c>), when the table has it; shown in the report's examples only.</summary>
    public string? Reasoning { get; init; }
}
