using Azure.Storage.Blobs;
using Kimera.Pipeline.Artifacts;

namespace Kimera.Storage.AzureBlobs;

/// <summary>Each run's artifacts under the prefix <c>&lt;runId&gt;/</c> of one blob container (<c>runs</c> unless named otherwise).</summary>
public sealed class BlobRunStoreFactory : IRunStoreFactory
{
    /// <summary>The container run artifacts go to.</summary>
    public const string ContainerName = "runs";

    private readonly BlobContainerClient _container;

    /// <param name="service">The account's blob service.</param>
    /// <param name="containerName">Created on the first write when missing.</param>
    public BlobRunStoreFactory(BlobServiceClient service, string containerName = ContainerName)
        : this((service ?? throw new ArgumentNullException(nameof(service))).GetBlobContainerClient(containerName))
    {
    }

    /// <param name="container">Created on the first write when missing.</param>
    public BlobRunStoreFactory(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
    }

    /// <summary>The container's name.</summary>
    public string Container => _container.Name;

    public IArtifactStore ForRun(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        // Run ids become a prefix: one that nests or escapes it would let two runs share artifacts.
        if (runId.Contains('/', StringComparison.Ordinal) || runId.Contains('\\', StringComparison.Ordinal) || runId is "." or "..")
        {
            throw new ArgumentException($"Run id '{runId}' must not contain path separators or be '.' or '..'.", nameof(runId));
        }

        return new BlobArtifactStore(_container, runId + "/");
    }
}
