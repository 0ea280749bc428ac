using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Kimera.Pipeline.Artifacts;

namespace Kimera.Storage.AzureBlobs;

/// <summary>A run's artifacts as block blobs under one prefix of a container (<c>runs/&lt;runId&gt;/chunks/00000.csv</c>).</summary>
/// <remarks>Writes stage blocks and commit them only when the writer has finished, so an artifact appears atomically;
/// reads stream in ranges. Neither holds a whole artifact in memory.</remarks>
public sealed class BlobArtifactStore : IArtifactStore
{
    /// <summary>Bytes staged per block, and so the memory one write holds.</summary>
    public const int BlockSize = 4 * 1024 * 1024;

    private const int DeleteConcurrency = 16;
    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private readonly Lazy<Task> _created;

    /// <param name="container">Created on the first write when missing.</param>
    /// <param name="prefix">Prepended to every artifact name, normally <c>&lt;runId&gt;/</c>; a missing trailing '/' is added.</param>
    public BlobArtifactStore(BlobContainerClient container, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.StartsWith('/') || prefix.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Blob prefix '{prefix}' must be relative with '/' separators.", nameof(prefix));
        }

        _container = container;
        _prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        _created = new Lazy<Task>(() => _container.CreateIfNotExistsAsync(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The container URL and prefix.</summary>
    public string Location => $"{_container.Uri.AbsoluteUri.TrimEnd('/')}/{_prefix}";

    /// <summary>The prefix every artifact name gets (empty or ending in '/').</summary>
    public string Prefix => _prefix;

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(name);
        try
        {
            // allowModifications: false pins the ETag seen at open, so an overwrite during the read fails it instead of mixing versions.
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task WriteAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var blob = _container.GetBlockBlobClient(FullName(name));
        await _created.Value.ConfigureAwait(false);
        await using var stream = new BlockStagingStream(blob, BlockSize);
        await write(stream, cancellationToken).ConfigureAwait(false);
        await stream.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stages the bytes as uncommitted blocks; the commit publishes the block list, atomically replacing the blob.</summary>
    public async Task<IStagedArtifact> StageAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var blob = _container.GetBlockBlobClient(FullName(name));
        await _created.Value.ConfigureAwait(false);
        var stream = new BlockStagingStream(blob, BlockSize);
        try
        {
            await write(stream, cancellationToken).ConfigureAwait(false);
            await stream.StageRestAsync(cancellationToken).ConfigureAwait(false);
            return new StagedBlob(name, stream);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(name);
        try
        {
            return await blob.ExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return false; // the container itself is missing
        }
    }

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var names = new List<string>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = _prefix + prefix }, cancellationToken).ConfigureAwait(false))
            {
                names.Add(item.Name);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return; // no container, nothing to delete
        }

        await Parallel.ForEachAsync(
            names,
            new ParallelOptions { MaxDegreeOfParallelism = DeleteConcurrency, CancellationToken = cancellationToken },
            async (blobName, ct) => await _container.DeleteBlobIfExistsAsync(blobName, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    private BlobClient Blob(string name) => _container.GetBlobClient(FullName(name));

    private string FullName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // Blob names cannot escape a prefix the way paths escape a folder, but '..' would mean something else on the
        // file-system store; refuse the same names it refuses so both stores accept one set of names.
        if (name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"Artifact name '{name}' must be relative with '/' separators and no empty, '.' or '..' segments.", nameof(name));
        }

        return _prefix + name;
    }

    private sealed class StagedBlob(string name, BlockStagingStream stream) : IStagedArtifact
    {
        public string Name => name;

        public Task CommitAsync(CancellationToken cancellationToken = default) => stream.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
