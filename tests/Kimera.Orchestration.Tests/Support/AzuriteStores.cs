using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Kimera.Engine.Embeddings;
using Kimera.Judging;
using Kimera.Storage.AzureBlobs;
using Kimera.Storage.AzureTables;
using Kimera.TestSupport.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Orchestration.Tests.Support;

/// <summary>The Azure stores of one test on the shared Azurite: a fresh datasets container holding the dataset, a fresh runs
/// container, and fresh embedding and judgement tables.</summary>
public sealed class AzuriteStores
{
    private AzuriteStores(BlobContainerClient datasets, BlobRunStoreFactory runs, TableEmbeddingCache embeddings, TableJudgementCache judgements)
    {
        Datasets = new BlobDatasetSourceResolver(datasets);
        Runs = runs;
        Embeddings = embeddings;
        Judgements = judgements;
    }

    public BlobDatasetSourceResolver Datasets { get; }

    public BlobRunStoreFactory Runs { get; }

    public TableEmbeddingCache Embeddings { get; }

    public TableJudgementCache Judgements { get; }

    /// <summary>Uploads <paramref name="datasetPath"/> as blob <paramref name="blobName"/> of a new container.</summary>
    public static async Task<AzuriteStores> CreateAsync(AzuriteFixture azurite, string datasetPath, string blobName)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var datasets = blobs.GetBlobContainerClient(AzuriteFixture.UniqueName("datasets"));
        await datasets.CreateAsync();
        await datasets.GetBlobClient(blobName).UploadAsync(datasetPath);
        var tables = new TableServiceClient(azurite.ConnectionString);
        return new AzuriteStores(
            datasets,
            new BlobRunStoreFactory(blobs, AzuriteFixture.UniqueName("runs")),
            new TableEmbeddingCache(tables, AzuriteFixture.UniqueName("embeddings")),
            new TableJudgementCache(tables, AzuriteFixture.UniqueName("judgements")));
    }

    /// <summary>Registers the Table caches, where the orchestration's chunk processing looks for them.</summary>
    public void AddCaches(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IEmbeddingCache>(Embeddings);
        services.AddSingleton<IJudgementCache>(Judgements);
    }

    /// <summary>An artifact of run <paramref name="runId"/>, or null when it is not there.</summary>
    public async Task<byte[]?> ReadAsync(string runId, string name)
    {
        await using var stream = await Runs.ForRun(runId).OpenReadAsync(name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
