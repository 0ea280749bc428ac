using Kimera.Datasets;

namespace Kimera.Pipeline.Artifacts;

/// <summary>Finds a dataset by name: a file in a folder locally, a blob in the container <c>datasets</c> in Azure.</summary>
public interface IDatasetSourceResolver
{
    /// <summary>The dataset called <paramref name="datasetName"/> (with its current version), or <c>null</c> when there is none.</summary>
    /// <exception cref="ArgumentException">The name is not a valid dataset name (empty, rooted, or with <c>..</c> segments).</exception>
    Task<DatasetSource?> ResolveAsync(string datasetName, CancellationToken cancellationToken = default);
}
