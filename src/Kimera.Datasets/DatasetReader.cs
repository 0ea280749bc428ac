using System.Globalization;
using System.Runtime.CompilerServices;
using Kimera.Datasets.Layouts;
using Kimera.Datasets.Records;
using Kimera.Statistics.Randomness;

namespace Kimera.Datasets;

/// <summary>
/// Reads a dataset (CSV, TSV, JSON Lines or Parquet, text formats optionally gzip-compressed) in one of the layouts of
/// docs/datasets.md and hands out its <see cref="BenchmarkPair"/>s in plan order, listing every bad row in
/// <see cref="Summary"/>. Pairs-like layouts are streamed (memory stays flat in the file size); geoids and texts files
/// keep id, language and text of their good rows, since pairing needs all of them.
/// Open with <see cref="OpenAsync(string, DatasetReaderOptions?, CancellationToken)"/>, then enumerate
/// <see cref="ReadPairsAsync"/> once.
/// </summary>
public sealed class DatasetReader : IAsyncDisposable
{
    private readonly IRecordSource _source;
    private readonly DatasetLayout _columns;
    private readonly DatasetReaderOptions _options;
    private readonly string _format;
    private readonly Dictionary<string, string> _languages = new(StringComparer.Ordinal);
    private int _started;

    private DatasetReader(IRecordSource source, DatasetLayout columns, DatasetReaderOptions options, DatasetSummary summary, string format)
    {
        _format = format;
        _source = source;
        _columns = columns;
        _options = options;
        Summary = summary;
    }

    /// <summary>The shape detected from the header.</summary>
    public DatasetShape Shape => _columns.Shape;

    /// <summary>Counts and problems; complete after <see cref="ReadPairsAsync"/> has been enumerated to its end.</summary>
    public DatasetSummary Summary { get; }

    /// <summary>The column sets a dataset must have one of, as named in error messages.</summary>
    public static string ExpectedColumnSets => DatasetLayout.ExpectedColumnSets;

    /// <summary>Opens a dataset file and reads its header; the format comes from the file's name unless
    /// <see cref="DatasetReaderOptions.Format"/> says it.</summary>
    /// <exception cref="DatasetFormatException">Empty, not UTF-8, a format its content contradicts, or no known layout.</exception>
    public static async Task<DatasetReader> OpenAsync(string path, DatasetReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            return await OpenAsync(stream, path, options, leaveOpen: false, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens a dataset from a stream (a blob, a test buffer). The format comes from <see cref="DatasetReaderOptions.Format"/>,
    /// else from <paramref name="displayName"/>'s extension, else from the first bytes. A seekable text stream is first
    /// checked for invalid UTF-8 from its current position to its end, so such a file fails here rather than halfway
    /// through the pairs; a forward-only or compressed stream is checked as it is read.
    /// </summary>
    /// <param name="displayName">Names the dataset in messages and in <see cref="DatasetSummary.Source"/>.</param>
    /// <exception cref="DatasetFormatException">Empty, not UTF-8, a format its content contradicts, or no known layout.</exception>
    public static async Task<DatasetReader> OpenAsync(
        Stream stream, string displayName, DatasetReaderOptions? options = null, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        options ??= new DatasetReaderOptions();
        options.Validate();
        if (!stream.CanRead)
        {
            throw new ArgumentException($"The stream of dataset '{displayName}' cannot be read.", nameof(stream));
        }

        var (source, format) = await RecordSources.OpenAsync(stream, displayName, options, leaveOpen, cancellationToken).ConfigureAwait(false);
        try
        {
            var header = await source.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            if (header.Count == 0 || (header.Count == 1 && header[0].Trim().Trim('\uFEFF').Trim().Length == 0))
            {
                throw new DatasetFormatException(
                    displayName, 0, $"the file is empty; expected a header row with one of the column sets {ExpectedColumnSets}");
            }

            RecordSources.CheckSeparator(header, format, displayName);
            DatasetLayout? columns;
            try
            {
                columns = DatasetLayout.Detect(header, options.Mapping, source.ClassLabelNames);
            }
            catch (ArgumentException ex)
            {
                throw new DatasetFormatException(displayName, 1, ex.Message);
            }

            if (columns is null)
            {
                throw new DatasetFormatException(
                    displayName, 1, $"the header '{Shorten(string.Join(",", header))}' has none of the known column sets; expected {ExpectedColumnSets}");
            }

            if (columns.FindDuplicate() is var (name, first, second))
            {
                throw new DatasetFormatException(
                    displayName, 1, $"the header names column '{name}' twice (columns {first} and {second}); keep one of them.");
            }

            if (columns.Labels is NliLabels { IdsNameNoContradiction: true } && options.Mapping.PositiveLabels.Count == 0)
            {
                throw new DatasetFormatException(
                    displayName, 0, $"the file's label names ({string.Join(", ", source.ClassLabelNames(header[columns.Label]) ?? [])}) have no 'contradiction'; name the contradiction label with --positive-label");
            }

            source.ReadOnly(columns.UsedColumns);
            var summary = new DatasetSummary(displayName, columns.Shape, [.. header], columns.Describe(format), source.RecordUnit);
            return new DatasetReader(source, columns, options, summary, format);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The pairs in plan order: pairs files in file order; geoids files alternate each partner pair (in order of the
    /// row that names the partner) with its random negative; texts files give consecutive pairs of a seeded shuffle.
    /// Bad rows are skipped and recorded in <see cref="Summary"/>. Can be enumerated once.
    /// </summary>
    /// <exception cref="DatasetFormatException">During enumeration of a forward-only stream, at the first invalid UTF-8 byte.</exception>
    public IAsyncEnumerable<BenchmarkPair> ReadPairsAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"The pairs of dataset '{Summary.Source}' were already read; open it again to read them twice.");
        }

        return Shape switch
        {
            DatasetShape.Pairs => ReadPairsShapeAsync(cancellationToken),
            DatasetShape.Geoids => ReadGeoidsShapeAsync(cancellationToken),
            _ => ReadTextsShapeAsync(cancellationToken),
        };
    }

    /// <summary>Reads every pair (discarding them) and returns the complete summary.</summary>
    public async Task<DatasetSummary> ValidateAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var _ in ReadPairsAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        return Summary;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private async IAsyncEnumerable<BenchmarkPair> ReadPairsShapeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = new IdIndex();
        var max = _options.MaxPairs ?? int.MaxValue;
        if (max == 0)
        {
            Summary.StoppedAtMaxPairs = true;
            Summary.IsComplete = true;
            yield break;
        }

        var unit = _source.RecordUnit;
        var refusal = new OtherSchemeLabels();
        await foreach (var row in _source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Summary.RowsRead++;
            var problems = new RowProblems(row, _columns, _source.FieldCountHint);
            var id = _columns.Id >= 0 ? problems.Id : string.Create(CultureInfo.InvariantCulture, $"{unit}{row.Line}");
            string text1 = string.Empty, text2 = string.Empty;
            var reading = new LabelReading(LabelOutcome.Unlabelled, null, "unknown");
            if (problems.FieldsUsable)
            {
                if (_columns.Label >= 0)
                {
                    var value = row.Fields[_columns.Label];
                    reading = _columns.Labels.Read(value);
                    if (refusal.Check(_columns.Labels, value, reading, row.Line))
                    {
                        continue;
                    }

                    if (reading.Outcome == LabelOutcome.NoGold)
                    {
                        Summary.CountNoGold(row.Line);
                        continue;
                    }

                }

                var idName = _columns.Id >= 0 ? _columns.Header[_columns.Id].Trim().TrimStart('\uFEFF') : "id";
                if (id is null)
                {
                    problems.Add(DatasetProblemKind.MissingId, $"{idName} is empty");
                }

                text1 = CheckText(problems, row.Fields[_columns.Text], "text1");
                text2 = CheckText(problems, row.Fields[_columns.Text2], "text2");
                if (reading.Outcome == LabelOutcome.Unknown)
                {
                    problems.Add(DatasetProblemKind.UnknownLabel, $"label '{row.Fields[_columns.Label].Trim()}' is not one of {_columns.Labels.Accepted}");
                }

                // Ids made from line numbers cannot repeat: no index for them.
                if (!problems.Any && _columns.Id >= 0 && !ids.TryAdd(id!, row.Line, out var firstLine))
                {
                    problems.Add(DatasetProblemKind.DuplicateId, $"{idName} '{id}' is already used on {unit} {firstLine}");
                }
            }

            if (problems.Any)
            {
                Reject(problems.ToProblem(unit));
                continue;
            }

            if (refusal.Found)
            {
                // The file is refused at its end: read on only to list every label value it holds.
                continue;
            }

            var lang = Language(row.Fields, _columns.Lang);
            var type = _columns.Type >= 0 ? row.Fields[_columns.Type].Trim() : string.Empty;
            if (type.Length == 0)
            {
                type = reading.Type;
            }

            Summary.GoodRows++;
            Summary.CountRowLanguage(lang);
            var pair = new BenchmarkPair(id!, text1, text2, lang, lang, type, reading.Label)
            {
                Slice = _columns.Slice >= 0 ? Shared(row.Fields[_columns.Slice].Trim()) : null,
            };
            Summary.CountPair(pair);
            yield return pair;
            if (Summary.PairsBuilt >= max)
            {
                Summary.StoppedAtMaxPairs = true;
                break;
            }
        }

        if (refusal.Found)
        {
            throw refusal.Error(Summary.Source, _columns.Header[_columns.Label].Trim(), unit);
        }

        Summary.Mapping = _columns.Describe(_format);
        Summary.IsComplete = true;
    }

    private async IAsyncEnumerable<BenchmarkPair> ReadGeoidsShapeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var read = new List<GeoidRow>();
        var readIndexOfId = new Dictionary<string, int>(StringComparer.Ordinal);

        // The ids of rows left out, with the first line of each: a partner id found here names a row of the file, a bad one.
        var badLineOfId = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in _source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Summary.RowsRead++;
            var problems = new RowProblems(row, _columns, _source.FieldCountHint);
            var id = problems.Id;
            var text = string.Empty;
            if (problems.FieldsUsable)
            {
                if (id is null)
                {
                    problems.Add(DatasetProblemKind.MissingId, "id is empty");
                }

                text = CheckText(problems, row.Fields[_columns.Text], "text");
                if (!problems.Any && readIndexOfId.TryGetValue(id!, out var first))
                {
                    var copy = read[first].Text == text ? " (this row repeats it)" : string.Empty;
                    problems.Add(DatasetProblemKind.DuplicateId, $"id '{id}' is already used on line {read[first].Line}{copy}");
                }
            }

            if (problems.Any)
            {
                if (id is not null)
                {
                    badLineOfId.TryAdd(id, row.Line);
                }

                Reject(problems.ToProblem(_source.RecordUnit));
                continue;
            }

            var lang = Language(row.Fields, _columns.Lang);
            var partner = row.Fields[_columns.Partner].Trim();
            readIndexOfId.Add(id!, read.Count);
            read.Add(new GeoidRow(id!, lang, text, partner.Length == 0 ? null : partner, row.Line));
        }

        // A label_contradict_id that names no row of the file at all (good or bad) is a bad row, left out entirely: its
        // contradiction cannot be built, and the row is not used for negatives either, since its real partner may be in
        // the file under another id and would then be drawn as a "not contradiction". Only the rows read are checked, so
        // leaving these out never makes another reference dangling: a row naming one of them names a bad row (below).
        var rows = new List<GeoidRow>(read.Count);
        var indexOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in read)
        {
            if (row.PartnerId is { } missing && !readIndexOfId.ContainsKey(missing) && !badLineOfId.ContainsKey(missing))
            {
                Summary.AddUnknownPartner(missing);
                Reject(new DatasetProblem(row.Line, row.Id, DatasetProblemKind.UnknownPartner, $"label_contradict_id '{missing}' names no row of the file"));
                continue;
            }

            indexOfId.Add(row.Id, rows.Count);
            rows.Add(row);
            Summary.GoodRows++;
            Summary.CountRowLanguage(row.Lang);
        }

        foreach (var row in read)
        {
            // Rows left out just above, as bad rows that a partner id may name.
            if (!indexOfId.ContainsKey(row.Id))
            {
                badLineOfId[row.Id] = Math.Min(row.Line, badLineOfId.GetValueOrDefault(row.Id, long.MaxValue));
            }
        }

        // Positives: each partner pair once, oriented (row naming the partner, partner), in that row's order.
        var positives = new List<(int First, int Second)>();
        var seen = new HashSet<(int, int)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var partner = rows[i].PartnerId;
            if (partner is null)
            {
                continue;
            }

            if (!indexOfId.TryGetValue(partner, out var j))
            {
                // The partner is in the file, but as a bad row (listed on its own line): this row stays, for negatives only.
                Summary.AddProblem(new DatasetProblem(
                    rows[i].Line, rows[i].Id, DatasetProblemKind.BadPartner,
                    string.Create(CultureInfo.InvariantCulture, $"label_contradict_id '{partner}' names a bad row (line {badLineOfId[partner]}); the row is used for negatives only"),
                    RowSkipped: false));
                continue;
            }

            if (j == i)
            {
                Summary.AddProblem(new DatasetProblem(
                    rows[i].Line, rows[i].Id, DatasetProblemKind.SelfPartner,
                    "label_contradict_id names the row itself; the row is used for negatives only", RowSkipped: false));
                continue;
            }

            if (seen.Add((Math.Min(i, j), Math.Max(i, j))))
            {
                positives.Add((i, j));
            }
        }

        var languageIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var languageOf = rows.Select(r => languageIds.TryGetValue(r.Lang, out var l) ? l : languageIds[r.Lang] = languageIds.Count).ToArray();
        var negatives = NegativeSampler.Draw(positives, languageOf, _options.Seed);
        var max = _options.MaxPairs ?? int.MaxValue;
        for (var k = 0; k < positives.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (a, b) = positives[k];
            if (!TryCount(new BenchmarkPair($"{rows[a].Id}~{rows[b].Id}", rows[a].Text, rows[b].Text, rows[a].Lang, rows[b].Lang, "contradiction", true), max, out var positive))
            {
                break;
            }

            yield return positive;
            if (negatives[k] is not var (anchor, other))
            {
                Summary.NegativesShort++;
                continue;
            }

            if (!TryCount(new BenchmarkPair($"neg-{rows[anchor].Id}~{rows[other].Id}", rows[anchor].Text, rows[other].Text, rows[anchor].Lang, rows[other].Lang, "neutral", false), max, out var negative))
            {
                break;
            }

            yield return negative;
        }

        Summary.IsComplete = true;
    }

    private async IAsyncEnumerable<BenchmarkPair> ReadTextsShapeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = new List<TextRow>();
        await foreach (var row in _source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Summary.RowsRead++;
            var problems = new RowProblems(row, _columns, _source.FieldCountHint);
            var text = problems.FieldsUsable ? CheckText(problems, row.Fields[_columns.Text], "text") : string.Empty;
            if (problems.Any)
            {
                Reject(problems.ToProblem(_source.RecordUnit));
                continue;
            }

            var lang = Language(row.Fields, _columns.Lang);
            rows.Add(new TextRow(text, lang, row.Line));
            Summary.GoodRows++;
            Summary.CountRowLanguage(lang);
        }

        var order = Enumerable.Range(0, rows.Count).ToArray();
        SeededShuffle.ShuffleInPlace(order.AsSpan(), new Random(_options.Seed));
        Summary.UnpairedTexts = rows.Count % 2;
        var max = _options.MaxPairs ?? int.MaxValue;
        for (var k = 0; k + 1 < order.Length; k += 2)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (a, b) = (rows[order[k]], rows[order[k + 1]]);
            var id = string.Create(CultureInfo.InvariantCulture, $"t{a.Line}~t{b.Line}");
            if (!TryCount(new BenchmarkPair(id, a.Text, b.Text, a.Lang, b.Lang, "random", null), max, out var pair))
            {
                break;
            }

            yield return pair;
        }

        Summary.IsComplete = true;
    }

    private bool TryCount(BenchmarkPair pair, int max, out BenchmarkPair counted)
    {
        counted = pair;
        if (Summary.PairsBuilt >= max)
        {
            Summary.StoppedAtMaxPairs = true;
            return false;
        }

        Summary.CountPair(pair);
        return true;
    }

    private void Reject(DatasetProblem problem)
    {
        Summary.BadRows++;
        Summary.AddProblem(problem);
    }

    private string CheckText(RowProblems problems, string text, string column)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(DatasetProblemKind.MissingText, $"{column} is empty");
        }
        else if (text.Length > _options.MaxTextLength)
        {
            problems.Add(
                DatasetProblemKind.TextTooLong,
                string.Create(CultureInfo.InvariantCulture, $"{column} has {text.Length:N0} characters, more than the limit of {_options.MaxTextLength:N0}"));
        }

        return text;
    }

    /// <summary>The row's language (<c>en</c> when empty or absent).</summary>
    private string Language(string[] fields, int column)
    {
        var lang = column >= 0 ? fields[column].Trim() : string.Empty;
        return Shared(lang.Length == 0 ? "en" : lang);
    }

    /// <summary>One string instance per value of a column with few values (language, genre), so a million rows do not
    /// hold a million copies.</summary>
    private string Shared(string value)
    {
        if (_languages.TryGetValue(value, out var shared))
        {
            return shared;
        }

        // A column with a value per row (a slice that is really an id) must not make memory grow with the file.
        if (_languages.Count < 1_000)
        {
            _languages[value] = value;
        }

        return value;
    }

    /// <summary>A pairs <c>label</c> column found holding another scheme's values (see
    /// <see cref="BinaryLabels.IsOtherSchemeValue"/>): collects every distinct label value to name them in the refusal.</summary>
    private sealed class OtherSchemeLabels
    {
        private const int MaxListed = 12;
        private readonly SortedSet<string> _values = new(StringComparer.Ordinal);
        private long _firstLine;
        private string _firstValue = string.Empty;

        public bool Found => _firstLine > 0;

        /// <summary>Records the value; true when the row is to be skipped because the file is being refused.</summary>
        public bool Check(LabelScheme scheme, string value, LabelReading reading, long line)
        {
            if (scheme is not BinaryLabels)
            {
                return false;
            }

            var v = value.Trim();
            if (_values.Count < MaxListed && v.Length > 0)
            {
                _values.Add(v);
            }

            if (!Found && reading.Outcome == LabelOutcome.Unknown && BinaryLabels.IsOtherSchemeValue(v))
            {
                _firstLine = line;
                _firstValue = v;
            }

            return Found;
        }

        public DatasetFormatException Error(string source, string column, string unit) => new(
            source,
            _firstLine,
            $"the {column} column holds {string.Join(", ", _values)}{(_values.Count == MaxListed ? ", …" : string.Empty)} " +
            $"(the first '{_firstValue}' here), not only True/False/1/0: these are the labels of another scheme, and reading them as " +
            "true/false would count the wrong pairs as contradictions. Name the value(s) that mean contradiction with " +
            "--positive-label (a Hugging Face NLI export, 0 entailment / 1 neutral / 2 contradiction: --positive-label 2; " +
            "SNLI words: --positive-label contradiction); the others are then read as not contradiction.");
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";

    private readonly record struct GeoidRow(string Id, string Lang, string Text, string? PartnerId, long Line);

    private readonly record struct TextRow(string Text, string Lang, long Line);
}
