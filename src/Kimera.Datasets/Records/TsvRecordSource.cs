using System.Buffers;
using System.Globalization;
using System.Text;

namespace Kimera.Datasets.Records;

/// <summary>
/// Tab-separated values as SNLI, MultiNLI and GLUE publish them: a header line, then one record per line, fields split
/// at every tab, no quoting (a sentence may begin with a double quote and it is kept as it is), CRLF or LF line ends.
/// </summary>
internal sealed class TsvRecordSource(Stream stream, string fileName, int maxRecordBytes) : IRecordSource
{
    private readonly LineReader _lines = new(stream, maxRecordBytes);
    private readonly List<DatasetRow> _batch = [];
    private IReadOnlyList<string>? _header;

    public string RecordUnit => "line";

    public string FieldCountHint => "(a tab inside a text, or a missing field?)";

    public async Task<IReadOnlyList<string>> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        await _lines.ReadAsync(Split, TooLong, _batch, cancellationToken).ConfigureAwait(false);
        if (_batch.Count == 0)
        {
            return _header = [];
        }

        var first = _batch[0];
        _batch.RemoveAt(0);
        if (first.Unreadable is not null)
        {
            throw new DatasetFormatException(fileName, first.Line, $"the header {first.Unreadable}");
        }

        return _header = first.Fields;
    }

    public void ReadOnly(IReadOnlySet<int> columns)
    {
    }

    public IReadOnlyList<string>? ClassLabelNames(string column) => null;

    public IAsyncEnumerable<DatasetRow> ReadAsync(CancellationToken cancellationToken) => _header is null
        ? throw new InvalidOperationException("Read the header first.")
        : _lines.RowsAsync(_batch, Split, TooLong, cancellationToken);

    public ValueTask DisposeAsync() => _lines.DisposeAsync();

    private static DatasetRow Split(long line, in ReadOnlySequence<byte> bytes) =>
        new(line, 1, (bytes.IsSingleSegment ? Encoding.UTF8.GetString(bytes.FirstSpan) : Encoding.UTF8.GetString(bytes)).Split('\t'), null);

    private DatasetRow TooLong(long line) =>
        new(line, 1, [], null, Unreadable: string.Create(CultureInfo.InvariantCulture, $"is longer than the record size limit of {maxRecordBytes:N0} bytes"));
}
