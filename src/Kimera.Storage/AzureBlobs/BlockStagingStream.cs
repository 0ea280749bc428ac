using System.Buffers;
using System.Globalization;
using System.Text;
using Azure.Storage.Blobs.Specialized;

namespace Kimera.Storage.AzureBlobs;

/// <summary>A write-only stream that stages its bytes as uncommitted blocks of a block blob and commits them only in
/// <see cref="CommitAsync"/>: until then readers see the previous blob (or none), so a write appears whole or not at all.</summary>
/// <remarks>Written by hand because the SDK's <c>OpenWriteAsync(overwrite: true)</c> first replaces the blob with an empty
/// one and commits on <c>Flush</c>, so readers could see an empty or partial artifact and a failed writer would leave one.
/// Memory stays at one block buffer however large the artifact.</remarks>
internal sealed class BlockStagingStream : Stream
{
    private readonly BlockBlobClient _blob;
    private readonly string _writeId = Guid.NewGuid().ToString("N");
    private readonly List<string> _blockIds = [];
    private readonly byte[] _buffer;
    private int _filled;
    private long _length;
    private bool _committed;
    private bool _returned;
    private bool _staging;

    public BlockStagingStream(BlockBlobClient blob, int blockSize)
    {
        _blob = blob;
        _buffer = ArrayPool<byte>.Shared.Rent(blockSize);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_committed;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>Stages what is left as a block, so nothing remains but <see cref="CommitAsync"/>'s one request: a set of
    /// artifacts can be staged first and published together once all of them are written.</summary>
    public async Task StageRestAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        _staging = true;
        await StageAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stages what is left and commits the block list; a blob that fits one block goes up in a single request.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        _committed = true;
        if (_blockIds.Count == 0 && !_staging)
        {
            using var single = new MemoryStream(_buffer, 0, _filled, writable: false);
            await _blob.UploadAsync(single, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        await StageAsync(cancellationToken).ConfigureAwait(false);
        await _blob.CommitBlockListAsync(_blockIds, options: null, cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        while (buffer.Length > 0)
        {
            var take = Math.Min(buffer.Length, _buffer.Length - _filled);
            buffer.Span[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            _length += take;
            buffer = buffer[take..];
            if (_filled == _buffer.Length)
            {
                await StageAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous writers (a StreamWriter without async) must work too; they block on the staging request.
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Does nothing: flushing must not publish a partial blob; <see cref="CommitAsync"/> does.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // Uncommitted blocks are dropped by the service (after a week, or at the next commit of this blob).
        if (disposing && !_returned)
        {
            _returned = true;
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _committed = true;
        base.Dispose(disposing);
    }

    private async Task StageAsync(CancellationToken cancellationToken)
    {
        if (_filled == 0)
        {
            return;
        }

        // Block ids must be base64 of equal length within a blob; the write id keeps concurrent writers' blocks apart.
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{_writeId}-{_blockIds.Count:D6}")));
        using (var block = new MemoryStream(_buffer, 0, _filled, writable: false))
        {
            await _blob.StageBlockAsync(id, block, options: null, cancellationToken).ConfigureAwait(false);
        }

        _blockIds.Add(id);
        _filled = 0;
    }
}
