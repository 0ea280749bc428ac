
namespace Kimera.Pipeline.Artifacts;

/// <summary>Where a run keeps its files: a folder on disk locally, a blob prefix in Azure.</summary>
/// <remarks>Names are relative, with '/' separators (<c>chunks/00000.csv</c>). A write becomes visible
/// only once it has completed, so a reader never sees half a file; that is what makes resume safe.</remarks>
public interface IArtifactStore
{
    /// <summary>Human-readable location of the store, for messages (a path or a URL).</summary>
    string Location { get; }

    /// <summary>Opens an artifact for reading, or returns <c>null</c> when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Writes an artifact whole: <paramref name="write"/> fills the stream; the artifact appears atomically when it returns.</summary>
    Task WriteAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default);

    /// <summary>Writes an artifact that stays invisible (the old one, if any, stays readable) until the returned
    /// <see cref="IStagedArtifact.CommitAsync"/>: a set of outputs can be written whole, checked, and only then replace
    /// the previous ones. The default keeps the bytes in memory and writes them at commit; stores override it to stage
    /// on their own medium (a temporary file, uncommitted blocks).</summary>
    async Task<IStagedArtifact> StageAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new MemoryStream();
        await write(buffer, cancellationToken).ConfigureAwait(false);
        return new BufferedStagedArtifact(this, name, buffer.ToArray());
    }

    Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes every artifact whose name starts with <paramref name="prefix"/>.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);
}

/// <summary>The default <see cref="IArtifactStore.StageAsync"/>: the bytes, written through <see cref="IArtifactStore.WriteAsync"/> at commit.</summary>
internal sealed class BufferedStagedArtifact(IArtifactStore store, string name, byte[] bytes) : IStagedArtifact
{
    public string Name => name;

    public Task CommitAsync(CancellationToken cancellationToken = default) =>
        store.WriteAsync(name, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
