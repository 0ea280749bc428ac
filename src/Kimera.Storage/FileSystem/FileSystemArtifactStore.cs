using Kimera.Pipeline.Artifacts;

namespace Kimera.Storage.FileSystem;

/// <summary>Artifacts as files under one folder; each write goes to a temporary file renamed into place when complete.</summary>
public sealed class FileSystemArtifactStore : IArtifactStore
{
    private readonly string _root;

    public FileSystemArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Location => _root;

    public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = Resolve(name);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan)
            : null;
        return Task.FromResult(stream);
    }

    public async Task WriteAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        await using var staged = await StageAsync(name, write, cancellationToken).ConfigureAwait(false);
        await staged.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a temporary file beside the artifact; the commit renames it into place (atomic on one file system).</summary>
    public async Task<IStagedArtifact> StageAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var path = Resolve(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            return new StagedFile(name, temporary, path);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(Resolve(name)));

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                File.Delete(file);
            }
        }

        return Task.CompletedTask;
    }

    private string Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = Path.GetFullPath(Path.Combine(_root, name.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Artifact name '{name}' points outside the store at '{_root}'.", nameof(name));
        }

        return path;
    }

    private sealed class StagedFile(string name, string temporary, string path) : IStagedArtifact
    {
        private bool _committed;

        public string Name => name;

        public Task CommitAsync(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_committed, this);
            File.Move(temporary, path, overwrite: true);
            _committed = true;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_committed)
            {
                _committed = true;
                File.Delete(temporary);
            }

            return ValueTask.CompletedTask;
        }
    }
}
