namespace Kimera.Datasets;

/// <summary>One planned pair of a run: two texts, their languages, and the gold label when the dataset has one.</summary>
/// <param name="PairId">Stable id: from the dataset where it has one, else derived deterministically.</param>
/// <param name="Label">True = contradiction; <c>null</c> for unlabelled datasets (never invented).</param>
/// <param name="Type">Pair type, e.g. <c>contradiction</c>, <c>neutral</c>, <c>random</c>.</param>
public sealed record BenchmarkPair(
    string PairId, string Text1, string Text2, string Lang1, string Lang2, string Type, bool? Label)
{
    /// <summary>The value of the dataset's slice column (MultiNLI's <c>genre</c>) for the error analysis; null when it has none.</summary>
    public string? Slice { get; init; }

    /// <summary>The <c>lang</c> column: the language, or <c>a-b</c> for a cross-language pair.</summary>
    public string Lang => Lang1 == Lang2 ? Lang1 : $"{Lang1}-{Lang2}";
}
