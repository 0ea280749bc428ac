using System.Security.Cryptography;

namespace Kimera.Functions.Http;

/// <summary>A read-only view of a request body that counts its bytes, computes their SHA-256 as they pass (kept in the
/// blob's metadata, so a later upload of the same bytes is recognised), and throws <see cref="UploadTooLargeException"/> as soon as more than the limit arrive,
/// so an upload is never held in memory and never read past the limit.</summary>
internal sealed class UploadLimitStream : Stream
{
    private readonly Stream _inner;
    private readonly long _maxBytes;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _read;

    public UploadLimitStream(Stream inner, long maxBytes)
    {
        _inner = inner;
        _maxBytes = maxBytes;
    }

    /// <summary>The bytes read so far.</summary>
    public long BytesRead => _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of everything read, in lowercase hex; call once the body is read to its end.</summary>
    public string Sha256Hex() => Convert.ToHexStringLower(_sha256.GetCurrentHash());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..count]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, _inner.Read(buffer, offset, count)));

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
            _sha256.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(ReadOnlySpan<byte> read)
    {
        _read += read.Length;
        if (_read > _maxBytes)
        {
            throw new UploadTooLargeException($"The upload is larger than {_maxBytes} bytes.");
        }

        _sha256.AppendData(read);
        return read.Length;
    }
}
