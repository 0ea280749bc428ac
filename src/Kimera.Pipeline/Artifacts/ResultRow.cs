using Kimera.Statistics;

namespace Kimera.Pipeline.Artifacts;

/// <summary>One row read back from a results table (<c>pairs.csv</c> or any table with the analyze columns).</summary>
/// <param name="Line">Physical line where the row starts (header = 1).</param>
/// <param name="Judges">One entry per judge, in <see cref="PairResultsReader.Judges"/> order.</param>
/// <param name="Fields">Every field of the row as read, in header order.</param>
public sealed record ResultRow(
    long Line,
    string? PairId,
    string? Text1,
    string? Text2,
    string? Lang,
    string? Type,
    bool? Label,
    double? Resonance,
    IReadOnlyList<JudgeColumns> Judges,
    IReadOnlyList<string> Fields)
{
    /// <summary>The <c>slice</c> column (the dataset's slice, e.g. MultiNLI's genre); null when the table has none.</summary>
    public string? Slice { get; init; }

    /// <summary>The row as the statistics see it; a judge with no verdict or an error counts as that judge's error.
    /// <c>kimera run</c> and <c>kimera analyze</c> both use it, so the same rows give the same statistics.</summary>
    public PairOutcome ToOutcome() =>
        new(Label, Lang, Type, Text1, Text2,
            Judges.Select(j => new JudgeOutcome(j.IsJudged ? j.Prediction : null, j.IsJudged ? j.Score : null, string.IsNullOrEmpty(j.Error) ? null : j.Error)).ToArray())
        {
            Resonance = Resonance,
            Slice = Slice,
        };
}
