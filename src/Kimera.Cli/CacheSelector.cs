using Kimera.Cli.Commands;
using Kimera.Engine.Embeddings;
using Kimera.Judging;
using Kimera.Storage.AzureAccount;
using Kimera.Storage.AzureTables;
using Kimera.Storage.Sqlite;

namespace Kimera.Cli;

/// <summary>Picks the caches of <c>kimera run</c>: none (<c>--no-cache</c>), Azure Table Storage shared by a team
/// (<c>--storage</c> / <c>KIMERA_STORAGE</c>), or the local SQLite file (<c>--cache</c>, the default).</summary>
public static class CacheSelector
{
    public static IEmbeddingCache? Embeddings(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.NoCache)
        {
            return null;
        }

        return settings.StorageConnection is { } storage
            ? new TableEmbeddingCache(AzureStorageConnection.Parse(storage).CreateTableServiceClient())
            : new SqliteEmbeddingCache(settings.Cache ?? SqliteEmbeddingCache.DefaultPath());
    }

    public static IJudgementCache? Judgements(RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.NoCache)
        {
            return null;
        }

        return settings.StorageConnection is { } storage
            ? new TableJudgementCache(AzureStorageConnection.Parse(storage).CreateTableServiceClient())
            : new SqliteJudgementCache(settings.Cache ?? SqliteEmbeddingCache.DefaultPath());
    }
}
