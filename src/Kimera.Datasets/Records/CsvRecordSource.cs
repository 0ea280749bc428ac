using System.Runtime.CompilerServices;
using CsvHelper;
using Kimera.Datasets.Streams;

namespace Kimera.Datasets.Records;

/// <summary>
/// Streams the records of a CSV input with their physical start lines, and keeps one broken quote from swallowing the
/// rows after it: a malformed record that spans several lines is taken to end at its first line break, and reading
/// starts again on the next line. CsvHelper's <c>Recover</c> mode would otherwise return those lines as the tail of the
/// bad record's last field and they would be lost. A quote that runs past the record size limit (where CsvHelper stops
/// with an exception) is recovered the same way, so one bad quote costs one row whatever the size of the file; the
/// input goes through a <see cref="ReplayableStream"/> so reading can go back to the line after the quote.
/// </summary>
internal sealed class CsvRecordSource : IRecordSource
{
    private readonly string _fileName;
    private readonly int _maxRecordBytes;
    private readonly ReplayableStream _input;
    private Dictionary<long, CsvMalformedReason> _malformed = [];

    /// <summary>Physical lines before the current reader's line 1 (it starts again after a broken quote).</summary>
    private long _lineOffset;

    /// <summary>The input offset of the current reader's first byte.</summary>
    private long _byteOffset;

    private CsvRecordSource(string fileName, int maxRecordBytes, Stream stream)
    {
        _fileName = fileName;
        _maxRecordBytes = maxRecordBytes;
        _input = new ReplayableStream(stream);
        Reader = CsvReader.Create(_input, CreateOptions(hasHeader: true, maxRecordBytes, _malformed), leaveOpen: true);
    }

    public CsvReader Reader { get; private set; }

    /// <summary>The most input bytes kept at once for going back after a broken quote (<see cref="ReplayableStream.PeakKeptBytes"/>).</summary>
    public long PeakKeptBytes => _input.PeakKeptBytes;

    public static CsvRecordSource Open(Stream stream, string fileName, int maxRecordBytes) => new(fileName, maxRecordBytes, stream);

    public string RecordUnit => "line";

    public string FieldCountHint => "(an unquoted comma in a text?)";

    /// <summary>CsvHelper splits every field of a record anyway: nothing to gain from skipping columns.</summary>
    public void ReadOnly(IReadOnlySet<int> columns)
    {
    }

    public IReadOnlyList<string>? ClassLabelNames(string column) => null;

    /// <summary>Reads the header; an empty input gives an empty list.</summary>
    public async Task<IReadOnlyList<string>> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            return Reader.Headers;
        }
        catch (Exception ex) when (Translate(ex, 1) is { } fatal)
        {
            throw fatal;
        }
    }

    public async IAsyncEnumerable<DatasetRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            bool more;
            CsvFormatException? tooLarge = null;
            try
            {
                more = await Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (CsvFormatException ex) when (ex.InnerException is not DatasetFormatException)
            {
                // With Recover mode and any field count allowed, the only format error left is a record over the limit.
                tooLarge = ex;
                more = true;
            }
            catch (Exception ex) when (Translate(ex, _lineOffset + Reader.LineNumber) is { } fatal)
            {
                throw fatal;
            }

            if (tooLarge is not null)
            {
                yield return await SkipOverLargeRecordAsync(tooLarge, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!more)
            {
                yield break;
            }

            var line = _lineOffset + Reader.LineNumber;
            var start = _byteOffset + Reader.ByteOffset;
            // Nothing before this record is read again.
            _input.Release(start);
            var fields = new string[Reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Reader.GetString(i);
            }

            var raw = Reader.RawRecord;
            // A record left open to the end of the input also holds the final line break, which starts no line.
            var body = raw.EndsWith((byte)'\n') ? raw[..^1] : raw;
            var lineCount = 1 + body.Count((byte)'\n');
            CsvMalformedReason? reason = _malformed.Remove(Reader.LineNumber, out var r) ? r : null;
            if (reason is null || lineCount == 1)
            {
                yield return new DatasetRow(line, lineCount, fields, reason);
                continue;
            }

            // The lines after the record's first are read again as rows.
            await RestartAsync(start + body.IndexOf((byte)'\n') + 1, line).ConfigureAwait(false);
            yield return new DatasetRow(line, lineCount, fields, reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync().ConfigureAwait(false);
        await _input.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A record over the size limit, most likely a quote that is never closed: the bad row is its first line (its fields
    /// read from that line alone), and reading starts again on the next line, as for a smaller broken record.
    /// </summary>
    private async Task<DatasetRow> SkipOverLargeRecordAsync(CsvFormatException error, CancellationToken cancellationToken)
    {
        var start = _byteOffset + error.ByteOffset;
        var line = _lineOffset + (error.LineNumber > 0 ? error.LineNumber : Reader.LineNumber);
        _input.Rewind(start);
        using var head = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var next = start;
        while (true)
        {
            var read = await _input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            var lineBreak = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            var take = lineBreak < 0 ? read : lineBreak;
            // Enough of the line for its first fields; a line of many megabytes is not kept whole.
            head.Write(buffer, 0, (int)Math.Min(take, Math.Max(0, _maxRecordBytes - head.Length)));
            next += lineBreak < 0 ? read : lineBreak + 1;
            if (lineBreak >= 0)
            {
                break;
            }

            _input.Release(next);
        }

        await RestartAsync(next, line).ConfigureAwait(false);

        var firstLine = head.ToArray().AsMemory();
        if (firstLine.Span.EndsWith((byte)'\r'))
        {
            firstLine = firstLine[..^1];
        }

        var malformed = new Dictionary<long, CsvMalformedReason>();
        await using var alone = CsvReader.Create(firstLine, CreateOptions(hasHeader: false, _maxRecordBytes, malformed));
        var fields = Array.Empty<string>();
        if (await alone.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            fields = new string[alone.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = alone.GetString(i);
            }
        }

        var reason = malformed.Count > 0 ? malformed.Values.First() : CsvMalformedReason.UnterminatedQuote;
        return new DatasetRow(line, 1, fields, reason, RanPastBytes: _maxRecordBytes);
    }

    /// <summary>Reads on from input offset <paramref name="offset"/>, the start of physical line <paramref name="linesBefore"/> + 1.</summary>
    private async Task RestartAsync(long offset, long linesBefore)
    {
        await Reader.DisposeAsync().ConfigureAwait(false);
        _input.Rewind(offset);
        _input.Release(offset);
        _malformed = [];
        Reader = CsvReader.Create(_input, CreateOptions(hasHeader: false, _maxRecordBytes, _malformed), leaveOpen: true);
        _byteOffset = offset;
        _lineOffset = linesBefore;
    }

    private DatasetFormatException? Translate(Exception ex, long line) => ex switch
    {
        DatasetFormatException => null, // already names the file and line: let it pass unchanged
        _ when ex.InnerException is DatasetFormatException inner => inner,
        CsvFormatException csv => new DatasetFormatException(
            _fileName,
            csv.LineNumber > 0 ? csv.LineNumber : line,
            $"the record is larger than {_maxRecordBytes:N0} bytes, most likely a quote that is never closed ({csv.Message})",
            csv),
        _ => null,
    };

    private static CsvReaderOptions CreateOptions(bool hasHeader, int maxRecordBytes, Dictionary<long, CsvMalformedReason> malformed) => new()
    {
        // Fixed: detection could pick ';' or '|' from the texts themselves.
        Separator = ',',
        HasHeader = hasHeader,
        Mode = CsvMode.Rfc4180,
        AllowLineBreaksInQuotes = true,
        TrackLineNumbers = true,
        DetectSeparatorHint = false,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Recover,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MaxRecordSize = maxRecordBytes,
        // Keyed by start line: the callback may run while scanning ahead of the record being returned.
        OnMalformedRecord = m => malformed.TryAdd(m.LineNumber, m.Reason),
    };
}
