using Azure.Storage.Blobs;
using Kimera.Datasets;
using Kimera.Pipeline.Artifacts;

namespace Kimera.Storage.AzureBlobs;

/// <summary>Datasets as blobs of one container (<c>datasets</c> unless named otherwise), named by their blob name;
/// each resolves to the version current at that moment (its ETag).</summary>
public sealed class BlobDatasetSourceResolver : IDatasetSourceResolver
{
    private readonly BlobContainerClient _container;

    /// <param name="service">The account's blob service.</param>
    /// <param name="containerName">The container datasets are uploaded to.</param>
    public BlobDatasetSourceResolver(BlobServiceClient service, string containerName = BlobDatasetSource.ContainerName)
        : this((service ?? throw new ArgumentNullException(nameof(service))).GetBlobContainerClient(containerName))
    {
    }

    public BlobDatasetSourceResolver(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
    }

    /// <summary>The container's name.</summary>
    public string Container => _container.Name;

    /// <summary>The dataset blob, or <c>null</c> when neither it nor its container exists (the contract's "no such dataset").</summary>
    public async Task<DatasetSource?> ResolveAsync(string datasetName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetName);
        // The same names the folder resolver accepts: a blob name with '.' or '..' segments would be normalised by the
        // service into another blob than the one the request named.
        if (datasetName.StartsWith('/') || datasetName.Contains('\\', StringComparison.Ordinal)
            || datasetName.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"Dataset name '{datasetName}' must be a relative name without empty, '.' or '..' segments.", nameof(datasetName));
        }

        try
        {
            return await BlobDatasetSource.OpenAsync(_container.GetBlobClient(datasetName), cancellationToken).ConfigureAwait(false);
        }
        catch (DatasetNotFoundException)
        {
            return null;
        }
    }
}
