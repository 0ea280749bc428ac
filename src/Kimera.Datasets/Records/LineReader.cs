using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Kimera.Datasets.Records;

/// <summary>
/// Splits a byte stream into lines for the line-based formats (TSV, JSON Lines), one pipe buffer at a time, with their
/// physical line numbers. A line longer than the record size limit is handed out as "too long" and skipped up to its
/// end without being kept, so memory stays bounded by the limit whatever the file. Blank lines are skipped.
/// </summary>
/// <remarks>Written on <see cref="PipeReader"/> rather than <see cref="StreamReader.ReadLineAsync()"/>: the parsers work on
/// the UTF-8 bytes (JSON needs no string for the fields it skips) and a line without end cannot grow past the limit.</remarks>
internal sealed class LineReader(Stream stream, int maxLineBytes) : IAsyncDisposable
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];
    private readonly PipeReader _pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
    private long _line;
    private bool _skipping;
    private bool _done;

    /// <summary>Turns one line (without its line break and byte order mark) into a row; the line is only valid during the call.</summary>
    public delegate DatasetRow? LineParser(long line, in ReadOnlySequence<byte> bytes);

    /// <summary>Reads at least one line (or to the end) and appends what <paramref name="parse"/> makes of each, or
    /// <paramref name="tooLong"/>'s row for a line over the limit. Returns false once the input has ended.</summary>
    public async ValueTask<bool> ReadAsync(LineParser parse, Func<long, DatasetRow> tooLong, List<DatasetRow> rows, CancellationToken cancellationToken)
    {
        if (_done)
        {
            return false;
        }

        var start = rows.Count;
        while (true)
        {
            var result = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (true)
            {
                var end = buffer.PositionOf((byte)'\n');
                if (_skipping)
                {
                    if (end is null)
                    {
                        buffer = buffer.Slice(buffer.End);
                        break;
                    }

                    buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
                    _skipping = false;
                    continue;
                }

                if (end is null)
                {
                    if (buffer.Length > maxLineBytes)
                    {
                        rows.Add(tooLong(++_line));
                        _skipping = true;
                        buffer = buffer.Slice(buffer.End);
                    }

                    break;
                }

                Take(buffer.Slice(0, end.Value), parse, tooLong, rows);
                buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
            }

            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty && !_skipping)
                {
                    Take(buffer, parse, tooLong, rows);
                }

                _pipe.AdvanceTo(buffer.End);
                _done = true;
                return rows.Count > start;
            }

            _pipe.AdvanceTo(buffer.Start, buffer.End);
            if (rows.Count > start)
            {
                return true;
            }
        }
    }

    /// <summary>The rows already in <paramref name="pending"/> (read along with the header), then those of every line after
    /// them; <paramref name="pending"/> is the buffer each read fills.</summary>
    public async IAsyncEnumerable<DatasetRow> RowsAsync(
        List<DatasetRow> pending, LineParser parse, Func<long, DatasetRow> tooLong, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            foreach (var row in pending)
            {
                yield return row;
            }

            pending.Clear();
        }
        while (await ReadAsync(parse, tooLong, pending, cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync() => await _pipe.CompleteAsync().ConfigureAwait(false);

    private void Take(ReadOnlySequence<byte> line, LineParser parse, Func<long, DatasetRow> tooLong, List<DatasetRow> rows)
    {
        _line++;
        if (line.Length > maxLineBytes)
        {
            rows.Add(tooLong(_line));
            return;
        }

        if (_line == 1 && StartsWith(line, ByteOrderMark))
        {
            line = line.Slice(ByteOrderMark.Length);
        }

        if (!line.IsEmpty && EndsWithCarriageReturn(line))
        {
            line = line.Slice(0, line.Length - 1);
        }

        if (IsBlank(line))
        {
            return;
        }

        if (parse(_line, line) is { } row)
        {
            rows.Add(row);
        }
    }

    private static bool StartsWith(in ReadOnlySequence<byte> line, byte[] prefix)
    {
        if (line.Length < prefix.Length)
        {
            return false;
        }

        Span<byte> head = stackalloc byte[prefix.Length];
        line.Slice(0, prefix.Length).CopyTo(head);
        return head.SequenceEqual(prefix);
    }

    private static bool EndsWithCarriageReturn(in ReadOnlySequence<byte> line) =>
        line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r';

    private static bool IsBlank(in ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
