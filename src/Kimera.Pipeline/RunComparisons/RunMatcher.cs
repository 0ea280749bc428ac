using Kimera.Pipeline.Artifacts;
using Kimera.Statistics.RunComparisons;

namespace Kimera.Pipeline.RunComparisons;

/// <summary>
/// Matches two runs' pairs by pair id. A pair id whose <c>text1</c> or <c>text2</c> differs between the runs is not the
/// same pair, so the comparison is refused rather than made on different pairs (a text is checked when both tables
/// have the column; texts are compared exactly, ordinal); so is a pair labelled in both runs with different labels.
/// </summary>
public static class RunMatcher
{
    /// <summary>Mismatched pairs named in the refusal, besides their count.</summary>
    public const int MismatchesShown = 3;

    /// <exception cref="InvalidDataException">Some pair id has different texts (or labels) in the two runs: the message names both files,
    /// the pair id, which text and both values.</exception>
    public static MatchedRuns Match(RunResultsTable a, RunResultsTable b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var rowsOfB = b.Rows.ToDictionary(r => r.PairId!, StringComparer.Ordinal);
        var pairs = new List<MatchedPair>();
        var rowsA = new List<ResultRow>();
        var rowsB = new List<ResultRow>();
        var onlyInA = new List<string>();
        var mismatches = new List<string>();
        var mismatchCount = 0;
        foreach (var rowA in a.Rows)
        {
            if (!rowsOfB.TryGetValue(rowA.PairId!, out var rowB))
            {
                onlyInA.Add(rowA.PairId!);
                continue;
            }

            var differing = Differing("text1", rowA.Text1, rowB.Text1) ?? Differing("text2", rowA.Text2, rowB.Text2)
                ?? Differing("label", LabelText(rowA.Label), LabelText(rowB.Label));
            if (differing is { } text)
            {
                mismatchCount++;
                if (mismatches.Count < MismatchesShown)
                {
                    mismatches.Add(
                        $"pair '{rowA.PairId}': {text.Column} differs: {Quote(text.A)} in {a.Source} (line {rowA.Line}), {Quote(text.B)} in {b.Source} (line {rowB.Line})");
                }

                continue;
            }

            pairs.Add(new MatchedPair(rowA.PairId!, rowA.Label ?? rowB.Label, Outcomes(rowA), Outcomes(rowB)));
            rowsA.Add(rowA);
            rowsB.Add(rowB);
        }

        if (mismatchCount > 0)
        {
            var more = mismatchCount > mismatches.Count ? $"\n…and {mismatchCount - mismatches.Count} more" : string.Empty;
            throw new InvalidDataException(
                $"refused: {mismatchCount} pair id(s) have different texts (or labels) in the two runs, so they are not the same pairs; compare runs of the same dataset (pairs are matched by pair_id):\n{string.Join("\n", mismatches)}{more}");
        }

        var idsOfA = a.Rows.Select(r => r.PairId!).ToHashSet(StringComparer.Ordinal);
        var onlyInB = b.Rows.Where(r => !idsOfA.Contains(r.PairId!)).Select(r => r.PairId!).ToArray();
        return new MatchedRuns(pairs, rowsA, rowsB, onlyInA, onlyInB);
    }

    private static (string Column, string A, string B)? Differing(string column, string? a, string? b) =>
        a is not null && b is not null && !a.Equals(b, StringComparison.Ordinal) ? (column, a, b) : null;

    private static string? LabelText(bool? label) => label is null ? null : CsvFormat.Bool(label);

    private static string Quote(string text) => text.Length <= 80 ? $"'{text}'" : $"'{text[..77]}…'";

    private static IReadOnlyList<Kimera.Statistics.JudgeOutcome> Outcomes(ResultRow row) => row.ToOutcome().Judges;
}
