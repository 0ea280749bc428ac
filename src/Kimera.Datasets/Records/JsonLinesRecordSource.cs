using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kimera.Datasets.Records;

/// <summary>
/// JSON Lines: one object per line. The header is the property names of the first object, in their order; later
/// objects are matched to it by name (a missing property is an empty field, an extra one is ignored). Strings are read
/// as they are, numbers and booleans as their JSON text (<c>2</c>, <c>-1</c>, <c>true</c>), null as empty, and an array or
/// object as its JSON text. Only the columns the layout uses are decoded; the others are skipped over.
/// </summary>
internal sealed class JsonLinesRecordSource(Stream stream, string fileName, int maxRecordBytes) : IRecordSource
{
    private readonly LineReader _lines = new(stream, maxRecordBytes);
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 256 };
    private readonly List<DatasetRow> _batch = [];
    private string[]? _header;
    private byte[][] _names = [];
    private bool[] _wanted = [];
    private bool _firstLineRead;


    public string RecordUnit => "line";

    public string FieldCountHint => string.Empty;

    public async Task<IReadOnlyList<string>> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        await _lines.ReadAsync(Parse, TooLong, _batch, cancellationToken).ConfigureAwait(false);
        if (_header is null)
        {
            if (_batch.Count > 0)
            {
                throw new DatasetFormatException(
                    fileName, _batch[0].Line, $"the first line {_batch[0].Unreadable}; a JSON Lines file holds one JSON object per line");
            }

            return [];
        }

        return _header;
    }

    public void ReadOnly(IReadOnlySet<int> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (_header is null)
        {
            throw new InvalidOperationException("Read the header first.");
        }

        _wanted = [.. Enumerable.Range(0, _header.Length).Select(columns.Contains)];
    }

    public IReadOnlyList<string>? ClassLabelNames(string column) => null;

    public IAsyncEnumerable<DatasetRow> ReadAsync(CancellationToken cancellationToken) => _header is null
        ? throw new InvalidOperationException("Read the header first.")
        : _lines.RowsAsync(_batch, Parse, TooLong, cancellationToken);

    public ValueTask DisposeAsync() => _lines.DisposeAsync();

    private DatasetRow Parse(long line, in ReadOnlySequence<byte> bytes)
    {
        if (_header is null)
        {
            // Only the first line names the columns: after an unreadable first line, the file is refused (ReadHeaderAsync).
            if (_firstLineRead)
            {
                return new DatasetRow(line, 1, [], null, Unreadable: "follows a first line that is not a JSON object");
            }

            _firstLineRead = true;
            if (ReadNames(line, bytes) is { } unreadable)
            {
                return unreadable;
            }
        }

        var fields = new string[_names.Length];
        Array.Fill(fields, string.Empty);
        try
        {
            var reader = Reader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Unreadable(line, bytes, reader.TokenType);
            }

            var next = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var column = Find(ref reader, next);
                reader.Read();
                if (column < 0 || !_wanted[column])
                {
                    reader.Skip();
                    continue;
                }

                fields[column] = Value(ref reader, bytes);
                next = column + 1;
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return new DatasetRow(line, 1, [], null, Unreadable: "holds more than one JSON value; a JSON Lines file holds one object per line");
            }
        }
        catch (JsonException ex)
        {
            return new DatasetRow(line, 1, [], null, Unreadable: $"is not valid JSON ({Short(ex.Message)})");
        }

        return new DatasetRow(line, 1, fields, null);
    }

    /// <summary>The first object: its property names, in order, become the header; null when they could be read.</summary>
    private DatasetRow? ReadNames(long line, in ReadOnlySequence<byte> bytes)
    {
        var names = new List<string>();
        try
        {
            var reader = Reader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Unreadable(line, bytes, reader.TokenType);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    names.Add(name);
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException ex)
        {
            return new DatasetRow(line, 1, [], null, Unreadable: $"is not valid JSON ({Short(ex.Message)})");
        }

        _header = [.. names];
        _names = [.. names.Select(Encoding.UTF8.GetBytes)];
        _wanted = [.. names.Select(_ => true)];
        return null;
    }

    /// <summary>The header index of the current property name; objects usually list their properties in the same order,
    /// so the one after the previous match is tried first.</summary>
    private int Find(ref Utf8JsonReader reader, int next)
    {
        if (next < _names.Length && reader.ValueTextEquals(_names[next]))
        {
            return next;
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (reader.ValueTextEquals(_names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A reader over the line: over its span when the line lies in one buffer segment (nearly always), which
    /// Utf8JsonReader reads faster than a sequence.</summary>
    private static Utf8JsonReader Reader(in ReadOnlySequence<byte> bytes) =>
        bytes.IsSingleSegment ? new Utf8JsonReader(bytes.FirstSpan, Options) : new Utf8JsonReader(bytes, Options);

    private static string Value(ref Utf8JsonReader reader, in ReadOnlySequence<byte> bytes)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.Null:
                return string.Empty;
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Number:
                return reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                var start = reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(bytes.Slice(start, reader.BytesConsumed - start));
        }
    }

    private static DatasetRow Unreadable(long line, in ReadOnlySequence<byte> bytes, JsonTokenType token)
    {
        var what = token == JsonTokenType.StartArray
            ? "is a JSON array, not an object (a JSON file holding one array is not JSON Lines: write one object per line)"
            : "is not a JSON object";
        var first = bytes.Length > 40 ? Encoding.UTF8.GetString(bytes.Slice(0, 40)) + "…" : Encoding.UTF8.GetString(bytes);
        return new DatasetRow(line, 1, [], null, Unreadable: $"{what}: '{first}'");
    }

    private static string Short(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.', ' ') : message;
    }

    private DatasetRow TooLong(long line) =>
        new(line, 1, [], null, Unreadable: string.Create(CultureInfo.InvariantCulture, $"is longer than the record size limit of {maxRecordBytes:N0} bytes"));
}
