using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Kimera.Engine.Embeddings;
using Kimera.Judging;
using Kimera.Pipeline.Artifacts;
using Kimera.Storage.AzureBlobs;
using Kimera.Storage.AzureTables;
using Kimera.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kimera.Storage;

/// <summary>Registers the storage adapters both hosts use: the shared caches (<see cref="IEmbeddingCache"/>,
/// <see cref="IJudgementCache"/>) on a local SQLite file or on Azure Tables, and the durable engine's datasets and run stores
/// on Blob containers. Everything is try-added (a host's own registration wins) and built on first use, so a cache no judge
/// asks for is never opened.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Both caches in one SQLite file (<c>kimera run</c>'s default).</summary>
    public static IServiceCollection AddKimeraSqliteCaches(this IServiceCollection services, string path)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.TryAddSingleton<IEmbeddingCache>(_ => new SqliteEmbeddingCache(path));
        services.TryAddSingleton<IJudgementCache>(_ => new SqliteJudgementCache(path));
        return services;
    }

    /// <summary>Both caches in Azure Tables of the account <paramref name="tables"/> gives, shared by a team or by every
    /// instance of the serverless app.</summary>
    /// <param name="tableNames">The embeddings and judgements tables; <see cref="TableEmbeddingCache.DefaultTableName"/> and
    /// <see cref="TableJudgementCache.DefaultTableName"/> when not given.</param>
    public static IServiceCollection AddKimeraTableCaches(
        this IServiceCollection services, Func<IServiceProvider, TableServiceClient> tables, Func<IServiceProvider, (string Embeddings, string Judgements)>? tableNames = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tables);
        tableNames ??= _ => (TableEmbeddingCache.DefaultTableName, TableJudgementCache.DefaultTableName);
        services.TryAddSingleton<IEmbeddingCache>(provider => new TableEmbeddingCache(tables(provider), tableNames(provider).Embeddings));
        services.TryAddSingleton<IJudgementCache>(provider => new TableJudgementCache(tables(provider), tableNames(provider).Judgements));
        return services;
    }

    /// <summary>Datasets read by name from one Blob container (version = ETag) and each run's artifacts under its run id in
    /// another (the durable engine's stores).</summary>
    public static IServiceCollection AddKimeraBlobRuns(
        this IServiceCollection services, Func<IServiceProvider, BlobServiceClient> blobs, Func<IServiceProvider, (string Datasets, string Runs)> containers)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(containers);
        services.TryAddSingleton<IDatasetSourceResolver>(provider => new BlobDatasetSourceResolver(blobs(provider), containers(provider).Datasets));
        services.TryAddSingleton<IRunStoreFactory>(provider => new BlobRunStoreFactory(blobs(provider), containers(provider).Runs));
        return services;
    }
}
