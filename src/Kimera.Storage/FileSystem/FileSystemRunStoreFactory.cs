using Kimera.Pipeline.Artifacts;

namespace Kimera.Storage.FileSystem;

/// <summary>Each run's artifacts in a sub-folder named after the run id under one root folder.</summary>
public sealed class FileSystemRunStoreFactory : IRunStoreFactory
{
    private readonly string _root;

    public FileSystemRunStoreFactory(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    public string Root => _root;

    public IArtifactStore ForRun(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        // Run ids become folder names: anything that could leave the root or nest folders is refused.
        if (runId.Contains('/', StringComparison.Ordinal) || runId.Contains('\\', StringComparison.Ordinal) || runId is "." or "..")
        {
            throw new ArgumentException($"Run id '{runId}' must not contain path separators or be '.' or '..'.", nameof(runId));
        }

        return new FileSystemArtifactStore(Path.Combine(_root, runId));
    }
}
