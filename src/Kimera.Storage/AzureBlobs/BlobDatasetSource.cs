using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Kimera.Datasets;

namespace Kimera.Storage.AzureBlobs;

/// <summary>Datasets uploaded as blobs (container <c>datasets</c>): a <see cref="DatasetSource"/> whose version is the blob's ETag
/// and whose content streams from the service.</summary>
public static class BlobDatasetSource
{
    /// <summary>The container datasets are uploaded to.</summary>
    public const string ContainerName = "datasets";

    /// <summary>The dataset <paramref name="blobName"/> in the <c>datasets</c> container of <paramref name="service"/>.</summary>
    public static Task<DatasetSource> OpenAsync(BlobServiceClient service, string blobName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(blobName);
        return OpenAsync(service.GetBlobContainerClient(ContainerName).GetBlobClient(blobName), cancellationToken);
    }

    /// <summary>Reads the blob's ETag now; throws <see cref="DatasetNotFoundException"/> when the blob (or its container) does not exist.</summary>
    /// <remarks>Every open reads exactly that version: if the blob is replaced later, reading fails with HTTP 412 rather than mixing
    /// the rows of two uploads into one run whose fingerprint names the first. The stream is forward-only, so the dataset is
    /// downloaded once: invalid UTF-8 is then found while Plan reads it (still before any chunk runs) instead of by a
    /// separate download first.</remarks>
    public static async Task<DatasetSource> OpenAsync(BlobClient blob, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ETag etag;
        try
        {
            etag = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            throw new DatasetNotFoundException(blob.Name, $"Dataset blob '{blob.Name}' does not exist in container '{blob.BlobContainerName}'.", ex);
        }

        return new DatasetSource(
            blob.Name,
            etag.ToString(),
            async ct => new ForwardOnlyStream(await blob.OpenReadAsync(
                new BlobOpenReadOptions(allowModifications: false) { Conditions = new BlobRequestConditions { IfMatch = etag } }, ct).ConfigureAwait(false)));
    }
}
