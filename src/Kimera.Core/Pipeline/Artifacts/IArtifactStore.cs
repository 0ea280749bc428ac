
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

    Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes every artifact whose name starts with <paramref name="prefix"/>.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);
}
