using System.Globalization;
using Kimera.Datasets.Layouts;

namespace Kimera.Datasets;

/// <summary>
/// What reading a dataset found: shape, row and pair counts, every problem. Filled while the pairs are read;
/// complete once <see cref="IsComplete"/> is true (the pair enumeration ran to its end).
/// </summary>
public sealed class DatasetSummary
{
    private readonly List<DatasetProblem> _problems = [];
    private readonly SortedDictionary<string, long> _rowLanguages = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _pairLanguages = new(StringComparer.Ordinal);
    private readonly List<string> _unknownPartnerIds = [];
    private readonly HashSet<string> _unknownPartnerSet = new(StringComparer.Ordinal);
    private bool _sorted = true;

    private readonly List<long> _noGoldLines = [];

    internal DatasetSummary(string source, DatasetShape shape, IReadOnlyList<string> columns, DatasetMapping? mapping = null, string recordUnit = "line")
    {
        Source = source;
        Shape = shape;
        Columns = columns;
        Mapping = mapping;
        RecordUnit = recordUnit;
    }

    /// <summary>The most lines of rows without a gold label that are listed; all of them are counted.</summary>
    public const int NoGoldLinesListed = 100;

    /// <summary>Format, layout, columns used and the label values read as contradiction.</summary>
    public DatasetMapping? Mapping { get; internal set; }

    /// <summary>"line" for text formats, "row" for Parquet: how <see cref="DatasetProblem.Line"/> and <see cref="NoGoldLines"/> count.</summary>
    public string RecordUnit { get; }

    /// <summary>Rows without a gold label (<c>-</c>, <c>-1</c>, empty in a benchmark layout): counted, neither planned nor judged nor bad.</summary>
    public long NoGoldRows { get; private set; }

    /// <summary>The lines (or rows) of the first <see cref="NoGoldLinesListed"/> rows without a gold label.</summary>
    public IReadOnlyList<long> NoGoldLines => _noGoldLines;

    /// <summary>The file path or display name the dataset was opened with.</summary>
    public string Source { get; }

    public DatasetShape Shape { get; }

    /// <summary>The header as read.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Data records read (good, bad and without a gold label; the header is not counted).</summary>
    public long RowsRead { get; internal set; }

    /// <summary>Records that were kept (they may still carry a warning, such as a geoid naming itself).</summary>
    public long GoodRows { get; internal set; }

    /// <summary>Records that were left out; each has a <see cref="DatasetProblem"/> with <c>RowSkipped</c>.</summary>
    public long BadRows { get; internal set; }

    /// <summary>Every problem, ordered by line.</summary>
    public IReadOnlyList<DatasetProblem> Problems
    {
        get
        {
            if (!_sorted)
            {
                // Stable: problems of one line keep the order they were found in.
                var ordered = _problems.OrderBy(p => p.Line).ToList();
                _problems.Clear();
                _problems.AddRange(ordered);
                _sorted = true;
            }

            return _problems;
        }
    }

    /// <summary>Pairs handed out (after <see cref="DatasetReaderOptions.MaxPairs"/>).</summary>
    public long PairsBuilt { get; internal set; }

    /// <summary>Pairs labelled as contradictions.</summary>
    public long Positives { get; internal set; }

    /// <summary>Pairs labelled as not contradictions.</summary>
    public long Negatives { get; internal set; }

    /// <summary>Pairs without a label.</summary>
    public long Unlabelled { get; internal set; }

    /// <summary>Good rows per language (<c>lang</c> column; <c>en</c> when empty or absent).</summary>
    public IReadOnlyDictionary<string, long> RowLanguages => _rowLanguages;

    /// <summary>Pairs per <see cref="BenchmarkPair.Lang"/>.</summary>
    public IReadOnlyDictionary<string, long> PairLanguages => _pairLanguages;

    /// <summary>Geoids: distinct <c>label_contradict_id</c> values that name no row of the file, in order of first mention;
    /// each row naming one is a bad row (<see cref="DatasetProblemKind.UnknownPartner"/>).</summary>
    public IReadOnlyList<string> UnknownPartnerIds => _unknownPartnerIds;

    /// <summary>Geoids: positives for which no non-partner negative could be drawn (tiny or one-pair files).</summary>
    public long NegativesShort { get; internal set; }

    /// <summary>Texts: a text left without a partner because the count of good texts is odd (0 or 1).</summary>
    public long UnpairedTexts { get; internal set; }

    /// <summary>True when reading stopped at <see cref="DatasetReaderOptions.MaxPairs"/>; rows after that point were not read.</summary>
    public bool StoppedAtMaxPairs { get; internal set; }

    /// <summary>True once the pair enumeration has run to its end.</summary>
    public bool IsComplete { get; internal set; }

    /// <summary>
    /// Why a file gives no pair to run, as one line that names it: <c>"&lt;source&gt;: no pair to run: &lt;why&gt;"</c>, e.g.
    /// "x.csv: no pair to run: 3 rows read, all 3 bad (first: line 2 (id p1): text1 is empty)"; null when pairs were built
    /// or the reading is not complete. A run refuses such a file with this line (exit code 2, the durable Plan's failure)
    /// and <c>kimera validate</c> prints it, so every place gives the same words.
    /// </summary>
    public string? NoPairsReason()
    {
        if (!IsComplete || PairsBuilt > 0)
        {
            return null;
        }

        var c = CultureInfo.InvariantCulture;
        string why;
        if (StoppedAtMaxPairs)
        {
            why = "the pair limit is 0";
        }
        else if (RowsRead == 0)
        {
            why = "the file has a header and no rows";
        }
        else if (GoodRows == 0 && NoGoldRows > 0)
        {
            why = BadRows == 0
                ? string.Create(c, $"{RowsRead} rows read, none has a gold label ('-', -1 or empty; a test split published without labels?)")
                : string.Create(c, $"{RowsRead} rows read: {NoGoldRows} without a gold label, {BadRows} bad (first: {FirstBadRow()})");
        }
        else if (GoodRows == 0)
        {
            why = RowsRead == 1
                ? $"1 row read, and it is bad ({FirstBadRow()})"
                : string.Create(c, $"{RowsRead} rows read, all {RowsRead} bad (first: {FirstBadRow()})");
        }
        else
        {
            why = Shape switch
            {
                DatasetShape.Texts => string.Create(c, $"{GoodRows} {(GoodRows == 1 ? "text" : "texts")}, a texts file needs at least 2"),
                DatasetShape.Geoids => GoodRows == 1
                    ? "1 good row, and a contradiction needs two"
                    : string.Create(c, $"{GoodRows} good rows, and none names another good row in label_contradict_id"),
                _ => string.Create(c, $"{GoodRows} good rows, and no pair was built from them"),
            };
            if (BadRows > 0)
            {
                why += string.Create(c, $"; {RowsRead} rows read, {BadRows} bad (first: {FirstBadRow()})");
            }
        }

        return $"{Source}: no pair to run: {why}";
    }

    internal void AddProblem(DatasetProblem problem)
    {
        if (_problems.Count > 0 && _problems[^1].Line > problem.Line)
        {
            _sorted = false;
        }

        _problems.Add(problem);
    }

    internal void CountNoGold(long line)
    {
        NoGoldRows++;
        if (_noGoldLines.Count < NoGoldLinesListed)
        {
            _noGoldLines.Add(line);
        }
    }

    private string FirstBadRow() => Problems.FirstOrDefault(p => p.RowSkipped)?.ToString() ?? "none listed";

    internal void CountRowLanguage(string lang) => _rowLanguages[lang] = _rowLanguages.GetValueOrDefault(lang) + 1;

    internal void AddUnknownPartner(string id)
    {
        if (_unknownPartnerSet.Add(id))
        {
            _unknownPartnerIds.Add(id);
        }
    }

    internal void CountPair(BenchmarkPair pair)
    {
        PairsBuilt++;
        switch (pair.Label)
        {
            case true:
                Positives++;
                break;
            case false:
                Negatives++;
                break;
            default:
                Unlabelled++;
                break;
        }

        _pairLanguages[pair.Lang] = _pairLanguages.GetValueOrDefault(pair.Lang) + 1;
    }
}
