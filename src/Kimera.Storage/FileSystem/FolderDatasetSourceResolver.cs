using Kimera.Datasets;
using Kimera.Pipeline.Artifacts;

namespace Kimera.Storage.FileSystem;

/// <summary>Datasets as files under one folder, named by their path relative to it with '/' separators
/// (the local stand-in for the blob container <c>datasets</c>).</summary>
public sealed class FolderDatasetSourceResolver : IDatasetSourceResolver
{
    private readonly string _root;

    public FolderDatasetSourceResolver(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    public Task<DatasetSource?> ResolveAsync(string datasetName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetName);
        if (datasetName.StartsWith('/') || datasetName.Contains('\\', StringComparison.Ordinal)
            || datasetName.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"Dataset name '{datasetName}' must be a relative name without empty, '.' or '..' segments.", nameof(datasetName));
        }

        var path = Path.Combine(_root, datasetName.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
        {
            return Task.FromResult<DatasetSource?>(null);
        }

        // The name stays the dataset name (as a blob name would), not the local path: it appears in reports.
        var file = DatasetSource.FromFile(path);
        return Task.FromResult<DatasetSource?>(file with { Name = datasetName });
    }
}
