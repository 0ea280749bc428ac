using Kimera.Cli.Commands;
using Kimera.Storage;
using Kimera.Storage.AzureAccount;
using Kimera.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Cli;

/// <summary>Picks the caches of <c>kimera run</c>: none (<c>--no-cache</c>), Azure Table Storage shared by a team
/// (<c>--storage</c> / <c>KIMERA_STORAGE</c>), or the local SQLite file (<c>--cache</c>, the default).</summary>
public static class CacheSelector
{
    /// <summary>The configuration key (environment variable) naming the shared storage when <c>--storage</c> is not given.</summary>
    public const string StorageVariable = "KIMERA_STORAGE";

    /// <summary>The storage for the shared caches: <c>--storage</c>, else the configuration's <see cref="StorageVariable"/>
    /// unless an explicit <c>--cache</c> asks for SQLite; <c>null</c> for SQLite.</summary>
    public static string? Storage(RunSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        return settings.StorageConnection is { } storage ? storage
            : settings.Cache is null && configuration[StorageVariable] is { Length: > 0 } configured ? configured
            : null;
    }

    /// <summary>Registers the caches <paramref name="settings"/> ask for with Kimera.Storage's extensions: none with
    /// <c>--no-cache</c>, Azure Tables when <paramref name="storage"/> (from <see cref="Storage"/>) names an account, else the
    /// SQLite file (<c>--cache</c> or the default path).</summary>
    public static void AddCaches(IServiceCollection services, RunSettings settings, string? storage)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.NoCache)
        {
            return;
        }

        if (storage is not null)
        {
            services.AddKimeraTableCaches(_ => AzureStorageConnection.Parse(storage).CreateTableServiceClient());
        }
        else
        {
            services.AddKimeraSqliteCaches(settings.Cache ?? SqliteEmbeddingCache.DefaultPath());
        }
    }
}
