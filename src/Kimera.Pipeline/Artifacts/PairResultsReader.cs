using CsvHelper;
using Kimera.Datasets;
using Kimera.Datasets.Streams;

namespace Kimera.Pipeline.Artifacts;

/// <summary>Streams a results table: the <c>label</c> column and, for each judge J, <c>J_pred</c> and
/// <c>J_score</c> (and <c>J_error</c>, <c>J_confidence</c>, <c>J_reasoning</c> when present); every other column is optional
/// (<c>slice</c>, when present, is the slice of the error analysis) and otherwise ignored.</summary>
public sealed class PairResultsReader : IAsyncDisposable
{
    /// <summary>The optional columns read besides label and the judge columns.</summary>
    private static readonly string[] UsedColumns = ["pair_id", "text1", "text2", "lang", "type", PairResultsFile.SliceColumn, "resonance"];

    private readonly string _source;
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns;
    private readonly int _labelIndex;
    private readonly int[] _predIndex;
    private readonly int[] _scoreIndex;
    private readonly int[] _errorIndex;
    private readonly int[] _confidenceIndex;
    private readonly int[] _reasoningIndex;

    private PairResultsReader(string source, CsvReader csv, IReadOnlyList<string> header)
    {
        _source = source;
        _csv = csv;
        Header = header;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            // Two columns of a name this reader uses (two kimera_pred, two label) would leave it to guess which one is meant.
            if (!_columns.TryAdd(name, i) && IsUsed(name))
            {
                throw new InvalidDataException(
                    $"{source}: line 1: the header names column '{header[_columns[name]].Trim()}' twice (columns {_columns[name] + 1} and {i + 1}); keep one of them.");
            }
        }

        _labelIndex = _columns.GetValueOrDefault("label", -1);
        Judges = header
            .Select(h => h.Trim())
            .Where(h => h.EndsWith("_pred", StringComparison.OrdinalIgnoreCase) && h.Length > "_pred".Length)
            .Select(h => h[..^"_pred".Length])
            .ToArray();
        if (Judges.Count == 0)
        {
            throw new InvalidDataException(
                $"{source}: line 1: no judge columns; expected 'label' and, for each judge J, 'J_pred' and 'J_score' (e.g. kimera_pred,kimera_score).");
        }

        _predIndex = Judges.Select(j => _columns[$"{j}_pred"]).ToArray();
        _scoreIndex = Judges.Select(j => _columns.GetValueOrDefault($"{j}_score", -1)).ToArray();
        _errorIndex = Judges.Select(j => _columns.GetValueOrDefault($"{j}_error", -1)).ToArray();
        _confidenceIndex = Judges.Select(j => _columns.GetValueOrDefault($"{j}_confidence", -1)).ToArray();
        _reasoningIndex = Judges.Select(j => _columns.GetValueOrDefault($"{j}_reasoning", -1)).ToArray();
    }

    /// <summary>Judge names found in the header, in column order.</summary>
    public IReadOnlyList<string> Judges { get; }

    public IReadOnlyList<string> Header { get; }

    public bool HasLabelColumn => _labelIndex >= 0;

    /// <summary>True when the table has a <c>slice</c> column (a run's pairs.csv of a dataset with a slice column, such as MultiNLI's genre).</summary>
    public bool HasSliceColumn => _columns.ContainsKey(PairResultsFile.SliceColumn);

    /// <summary>Opens a results table and reads its header; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="DatasetFormatException">Invalid UTF-8, here or while the rows are read.</exception>
    public static async Task<PairResultsReader> OpenAsync(Stream stream, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Invalid UTF-8 fails with its line and byte offset (a DatasetFormatException) rather than becoming U+FFFD.
        var csv = CsvReader.Create(Utf8Input.Validating(stream, source), CsvFormat.ResultsReaderOptions, leaveOpen: false);
        try
        {
            await csv.ReadHeaderAsync(cancellationToken);
            var header = csv.Headers.ToArray();
            if (header.Length == 0)
            {
                throw new InvalidDataException($"{source}: the file is empty; expected a header with 'label' and J_pred/J_score columns.");
            }

            return new PairResultsReader(source, csv, header);
        }
        catch
        {
            await csv.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The header checks of the statistics (<c>kimera analyze</c>, <c>kimera compare</c>): a <c>label</c> column, and a
    /// <c>J_score</c> column for every judge J.
    /// </summary>
    /// <exception cref="InvalidDataException">A column is missing; the message names the file and what to add.</exception>
    public void RequireStatisticsColumns()
    {
        if (!HasLabelColumn)
        {
            throw new InvalidDataException($"{_source}: line 1: no 'label' column; add it (1/0/true/false, empty for an unlabelled pair).");
        }

        foreach (var judge in Judges)
        {
            if (!_columns.ContainsKey($"{judge}_score"))
            {
                throw new InvalidDataException($"{_source}: line 1: judge '{judge}' has a '{judge}_pred' column but no '{judge}_score' column.");
            }
        }
    }

    /// <summary>Every score of <paramref name="row"/> is a finite number (or absent).</summary>
    /// <exception cref="InvalidDataException">A score is infinite or NaN; the message names the file, line and column.</exception>
    public void RequireFiniteScores(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        for (var j = 0; j < Judges.Count; j++)
        {
            if (row.Judges[j].Score is { } score && !double.IsFinite(score))
            {
                throw new InvalidDataException($"{_source}: line {row.Line}: column '{Judges[j]}_score': '{score.ToString(System.Globalization.CultureInfo.InvariantCulture)}' is not a finite number.");
            }
        }
    }

    private static bool IsUsed(string column) =>
        column.Equals("label", StringComparison.OrdinalIgnoreCase)
        || UsedColumns.Contains(column, StringComparer.OrdinalIgnoreCase)
        || (column.Length > "_pred".Length && (column.EndsWith("_pred", StringComparison.OrdinalIgnoreCase)
            || column.EndsWith("_score", StringComparison.OrdinalIgnoreCase) || column.EndsWith("_error", StringComparison.OrdinalIgnoreCase)
            || column.EndsWith("_confidence", StringComparison.OrdinalIgnoreCase) || column.EndsWith("_reasoning", StringComparison.OrdinalIgnoreCase)));

    public async IAsyncEnumerable<ResultRow> ReadAllAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await _csv.ReadAsync(cancellationToken))
        {
            if (_csv.FieldCount != Header.Count)
            {
                // A short or long row would otherwise shift or drop the label and verdicts silently.
                throw new InvalidDataException(
                    $"{_source}: line {_csv.LineNumber}: {_csv.FieldCount} fields; the header has {Header.Count} ({string.Join(",", Header)}).");
            }

            var fields = new string[_csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = _csv.GetString(i);
            }

            yield return ParseRow(fields, _csv.LineNumber);
        }
    }

    private ResultRow ParseRow(string[] fields, long line)
    {
        var judges = new JudgeColumns[Judges.Count];
        for (var j = 0; j < judges.Length; j++)
        {
            judges[j] = new JudgeColumns(
                Parse(fields, _predIndex[j], line, CsvFormat.ParseBool),
                Parse(fields, _scoreIndex[j], line, CsvFormat.ParseNumber),
                Field(fields, _errorIndex[j]))
            {
                Confidence = Parse(fields, _confidenceIndex[j], line, CsvFormat.ParseNumber),
                Reasoning = Field(fields, _reasoningIndex[j]),
            };
        }

        return new ResultRow(
            line,
            Field(fields, "pair_id"),
            Field(fields, "text1"),
            Field(fields, "text2"),
            Field(fields, "lang"),
            Field(fields, "type"),
            Parse(fields, _labelIndex, line, CsvFormat.ParseBool),
            Parse(fields, _columns.GetValueOrDefault("resonance", -1), line, CsvFormat.ParseNumber),
            judges,
            fields)
        {
            Slice = Field(fields, PairResultsFile.SliceColumn),
        };
    }

    private string? Field(string[] fields, string column) =>
        _columns.TryGetValue(column, out var index) ? Field(fields, index) : null;

    private static string? Field(string[] fields, int index) =>
        index >= 0 && index < fields.Length ? fields[index] : null;

    private T? Parse<T>(string[] fields, int index, long line, Func<string?, T?> parse)
    {
        try
        {
            return parse(Field(fields, index));
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{_source}: line {line}: column '{Header[index]}': {ex.Message}", ex);
        }
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
