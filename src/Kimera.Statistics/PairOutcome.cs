
namespace Kimera.Statistics;

/// <summary>One row of the statistics input: a pair, its gold label if any, and every judge's outcome on it.</summary>
/// <param name="Label">True = contradiction; <c>null</c> for an unlabelled pair (labels are never invented).</param>
/// <param name="Lang">Language of the pair (the <c>lang</c> column); null or empty = unknown.</param>
/// <param name="Type">Pair type, e.g. <c>contradiction</c>; null or empty = unknown.</param>
/// <param name="Text1">First text (used by the error analysis only); may be null when unknown.</param>
/// <param name="Text2">Second text (used by the error analysis only); may be null when unknown.</param>
/// <param name="Judges">One outcome per judge, in the order of the judge names given to the calculator.</param>
public sealed record PairOutcome(
    bool? Label, string? Lang, string? Type, string? Text1, string? Text2, IReadOnlyList<JudgeOutcome> Judges)
{
    /// <summary>Token count of the two texts together; when null the error analysis counts whitespace-separated words.</summary>
    public int? TokenCount { get; init; }

    /// <summary>Kimera's raw resonance for the pair; when present, cross-validation also picks a threshold on it.</summary>
    public double? Resonance { get; init; }

    /// <summary>The pair's value of the dataset's slice column (MultiNLI's <c>genre</c>): null when the dataset has no such
    /// column; empty when the row left it empty (the group <c>unknown</c> of the error analysis).</summary>
    public string? Slice { get; init; }
}
