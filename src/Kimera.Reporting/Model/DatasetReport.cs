using System.Globalization;
using Kimera.Datasets;
using Kimera.Datasets.Layouts;

namespace Kimera.Reporting.Model;

/// <summary>The dataset section of a run's report: shape, counts and every bad row (stored as <c>dataset.json</c> by Plan).</summary>
/// <param name="Mapping">How the file was read (format, layout, columns, contradiction values, label note); null in files
/// written before formats and layouts were reported.</param>
/// <param name="NoGoldRows">Rows without a gold label: counted, neither planned nor judged nor bad (0 in older files).</param>
/// <param name="NoGoldLines">The lines (or rows, see <paramref name="RecordUnit"/>) of the first
/// <see cref="DatasetSummary.NoGoldLinesListed"/> of them; null in older files.</param>
/// <param name="RecordUnit">"line" (text formats) or "row" (Parquet): how problem and no-gold positions count.</param>
/// <param name="Sample">The sample asked for and the pairs taken (written by Plan); null in files written before it was recorded.</param>
public sealed record DatasetReport(
    string Source,
    string Shape,
    IReadOnlyList<string> Columns,
    long RowsRead,
    long GoodRows,
    long BadRows,
    long PairsBuilt,
    long Positives,
    long Negatives,
    long Unlabelled,
    long NegativesShort,
    long UnpairedTexts,
    bool StoppedAtMaxPairs,
    IReadOnlyDictionary<string, long> RowLanguages,
    IReadOnlyDictionary<string, long> PairLanguages,
    IReadOnlyList<string> UnknownPartnerIds,
    IReadOnlyList<DatasetProblem> Problems,
    DatasetMapping? Mapping = null,
    long NoGoldRows = 0,
    IReadOnlyList<long>? NoGoldLines = null,
    string RecordUnit = "line",
    SampleReport? Sample = null)
{
    public static DatasetReport From(DatasetSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new DatasetReport(
            summary.Source,
            summary.Shape.ToString().ToLowerInvariant(),
            summary.Columns,
            summary.RowsRead,
            summary.GoodRows,
            summary.BadRows,
            summary.PairsBuilt,
            summary.Positives,
            summary.Negatives,
            summary.Unlabelled,
            summary.NegativesShort,
            summary.UnpairedTexts,
            summary.StoppedAtMaxPairs,
            new SortedDictionary<string, long>(summary.RowLanguages.ToDictionary(), StringComparer.Ordinal),
            new SortedDictionary<string, long>(summary.PairLanguages.ToDictionary(), StringComparer.Ordinal),
            summary.UnknownPartnerIds.ToArray(),
            summary.Problems.ToArray(),
            summary.Mapping,
            summary.NoGoldRows,
            summary.NoGoldLines.ToArray(),
            summary.RecordUnit);
    }

    /// <summary>"jsonl, snli layout: text1 = sentence1, text2 = sentence2, …": the format, the layout and the columns used;
    /// null for a file written before they were reported.</summary>
    public string? ReadAsText() => Mapping is { } m ? $"{m.Format}, {m.Layout} layout: {m.Describe()}" : null;

    /// <summary>How integer label ids were named (the Hugging Face convention, the file's ClassLabel names), or null.</summary>
    public string? LabelNoteText() => Mapping?.LabelNote;

    /// <summary>"2 rows without a gold label (lines 3, 7)", with ", …" when more were counted than listed; null when there are none.</summary>
    public string? NoGoldText() => NoGoldRows == 0 ? null : $"{NoGoldCount()} without a gold label ({NoGoldPositions()})";

    /// <summary>"2 rows": the count of rows without a gold label.</summary>
    public string NoGoldCount() => string.Create(CultureInfo.InvariantCulture, $"{NoGoldRows} {(NoGoldRows == 1 ? "row" : "rows")}");

    /// <summary>"lines 3, 7, …" (or "rows …" in a Parquet file): where the rows without a gold label are.</summary>
    public string NoGoldPositions()
    {
        var listed = NoGoldLines ?? [];
        var unit = listed.Count == 1 && NoGoldRows == 1 ? RecordUnit : RecordUnit + "s";
        var more = NoGoldRows > listed.Count ? ", …" : string.Empty;
        return listed.Count == 0
            ? "positions not recorded"
            : $"{unit} {string.Join(", ", listed.Select(l => l.ToString(CultureInfo.InvariantCulture)))}{more}";
    }
}
