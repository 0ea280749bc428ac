namespace Kimera.Storage.AzureBlobs;

/// <summary>
/// A read-only view of a stream that says it cannot seek. <see cref="Kimera.Datasets.DatasetReader"/> checks a seekable
/// stream for invalid UTF-8 before parsing it, which for a blob's read stream means downloading the whole dataset twice;
/// given this view it checks the bytes as it parses them instead, so the blob is downloaded once.
/// </summary>
internal sealed class ForwardOnlyStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("A forward-only stream has no length.");

    public override long Position
    {
        get => throw new NotSupportedException("A forward-only stream has no position.");
        set => throw new NotSupportedException("A forward-only stream cannot seek.");
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A forward-only stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A forward-only stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A forward-only stream is read-only.");

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
