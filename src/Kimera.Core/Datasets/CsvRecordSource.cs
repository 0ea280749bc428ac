using System.Runtime.CompilerServices;
using CsvHelper;

namespace Kimera.Datasets;

/// <summary>
/// Streams the records of a CSV input with their physical start lines, and keeps one broken quote from
/// swallowing the rows after it: a malformed record that spans several lines is taken to end at its first
/// line break, and the lines after that are parsed again as records. CsvHelper's <c>Recover</c> mode would
/// otherwise return them as the tail of the bad record's last field and they would be lost.
/// </summary>
internal sealed class CsvRecordSource : IAsyncDisposable
{
    private readonly string _fileName;
    private readonly int _maxRecordBytes;
    private readonly Dictionary<long, CsvMalformedReason> _malformed = [];

    private CsvRecordSource(string fileName, int maxRecordBytes, Stream stream)
    {
        _fileName = fileName;
        _maxRecordBytes = maxRecordBytes;
        Reader = CsvReader.Create(stream, CreateOptions(hasHeader: true, maxRecordBytes, _malformed), leaveOpen: false);
    }

    public CsvReader Reader { get; }

    public static CsvRecordSource Open(Stream stream, string fileName, int maxRecordBytes) => new(fileName, maxRecordBytes, stream);

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

    public IAsyncEnumerable<CsvRecordRow> ReadAsync(CancellationToken cancellationToken) =>
        ReadAsync(Reader, _malformed, lineOffset: 0, readAgain: false, cancellationToken);

    public ValueTask DisposeAsync() => Reader.DisposeAsync();

    private async IAsyncEnumerable<CsvRecordRow> ReadAsync(
        CsvReader reader,
        Dictionary<long, CsvMalformedReason> malformed,
        long lineOffset,
        bool readAgain,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (Translate(ex, lineOffset + reader.LineNumber) is { } fatal)
            {
                throw fatal;
            }

            if (!more)
            {
                yield break;
            }

            var line = lineOffset + reader.LineNumber;
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i);
            }

            var raw = reader.RawRecord;
            // A record left open to the end of the input also holds the final line break, which starts no line.
            var body = raw.EndsWith((byte)'\n') ? raw[..^1] : raw;
            var lineCount = 1 + body.Count((byte)'\n');
            CsvMalformedReason? reason = malformed.Remove(reader.LineNumber, out var r) ? r : null;
            if (reason is null || lineCount == 1)
            {
                yield return new CsvRecordRow(line, lineCount, fields, reason, readAgain);
                continue;
            }

            // Copy before the next read: RawRecord points into the reader's buffer.
            var rest = body[(body.IndexOf((byte)'\n') + 1)..].ToArray();
            yield return new CsvRecordRow(line, lineCount, fields, reason, readAgain);

            var nestedMalformed = new Dictionary<long, CsvMalformedReason>();
            await using var nested = CsvReader.Create(rest, CreateOptions(hasHeader: false, _maxRecordBytes, nestedMalformed));
            await foreach (var row in ReadAsync(nested, nestedMalformed, line, readAgain: true, cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }
        }
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
