using System.Buffers;

namespace Kimera.Datasets.Streams;

/// <summary>
/// A forward-only read stream that keeps the bytes it has handed out since a released offset, so that reading can go
/// back to any offset after it: <see cref="Records.CsvRecordSource"/> releases up to the start of each record it returns and,
/// after a broken quote, rewinds to the line after the quote's line to read the rest again. What it keeps is the
/// current record plus the CSV reader's read-ahead, bounded by the record size limit: memory stays flat in the file size.
/// </summary>
internal sealed class ReplayableStream(Stream inner) : Stream
{
    private readonly List<(byte[] Buffer, int Length)> _kept = [];
    private long _keptStart;
    private long _end;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    /// <summary>The offset of the next byte read, from the start of the input.</summary>
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The most bytes kept at once so far: what "memory stays flat in the file size" comes down to here.</summary>
    public long PeakKeptBytes { get; private set; }

    /// <summary>Forgets the bytes before <paramref name="offset"/>; reading can no longer go back before it.</summary>
    public void Release(long offset)
    {
        while (_kept.Count > 0 && _keptStart + _kept[0].Length <= Math.Min(offset, _position))
        {
            _keptStart += _kept[0].Length;
            ArrayPool<byte>.Shared.Return(_kept[0].Buffer);
            _kept.RemoveAt(0);
        }
    }

    /// <summary>Goes back (or forward, within what was read) to <paramref name="offset"/>.</summary>
    public void Rewind(long offset)
    {
        if (offset < _keptStart || offset > _end)
        {
            throw new InvalidOperationException($"Offset {offset} is outside the bytes kept ({_keptStart}-{_end}).");
        }

        _position = offset;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position < _end)
        {
            return Replay(buffer);
        }

        var read = inner.Read(buffer);
        Keep(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position < _end)
        {
            return Replay(buffer.Span);
        }

        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Keep(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var (kept, _) in _kept)
            {
                ArrayPool<byte>.Shared.Return(kept);
            }

            _kept.Clear();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var (kept, _) in _kept)
        {
            ArrayPool<byte>.Shared.Return(kept);
        }

        _kept.Clear();
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Replay(Span<byte> buffer)
    {
        var start = _keptStart;
        foreach (var (kept, length) in _kept)
        {
            if (_position < start + length)
            {
                var from = (int)(_position - start);
                var n = Math.Min(buffer.Length, length - from);
                kept.AsSpan(from, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            start += length;
        }

        throw new InvalidOperationException("The kept bytes do not reach the read position.");
    }

    private void Keep(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty)
        {
            return;
        }

        var copy = ArrayPool<byte>.Shared.Rent(read.Length);
        read.CopyTo(copy);
        _kept.Add((copy, read.Length));
        _end += read.Length;
        _position = _end;
        PeakKeptBytes = Math.Max(PeakKeptBytes, _end - _keptStart);
    }
}
