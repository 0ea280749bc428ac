namespace Kimera.Datasets;

/// <summary>A dataset to read: a name for messages, a version that changes whenever the content does, and a way to open it.</summary>
/// <param name="Name">File path or blob name, used in every message about the dataset.</param>
/// <param name="Version">Length and modification time of a file, or a blob's ETag: part of the run fingerprint.</param>
public sealed record DatasetSource(string Name, string Version, Func<CancellationToken, Task<Stream>> OpenAsync)
{
    /// <summary>A local file; fails with a message naming the path when it does not exist.</summary>
    public static DatasetSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"Dataset file '{path}' does not exist.", path);
        }

        return new DatasetSource(
            path,
            FormattableString.Invariant($"{file.Length}:{file.LastWriteTimeUtc.Ticks}"),
            _ => Task.FromResult<Stream>(new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan)));
    }
}
