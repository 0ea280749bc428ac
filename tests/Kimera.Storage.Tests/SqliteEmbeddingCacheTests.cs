using Kimera.Engine.Embeddings;
using Kimera.Storage.Sqlite;
using Kimera.TestSupport;

namespace Kimera.Storage.Tests;

public sealed class SqliteEmbeddingCacheTests : EmbeddingCacheContract, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override IEmbeddingCache CreateCache() => new SqliteEmbeddingCache(_directory.File("cache.db"));

    [Fact]
    public async Task Entries_survive_reopening_the_file()
    {
        var path = _directory.File("nested/dir/persist.db");
        await new SqliteEmbeddingCache(path).SetManyAsync("m", [new("h", [0.5f, 0.25f])]);

        var reopened = new SqliteEmbeddingCache(path);

        Assert.True(File.Exists(path));
        Assert.Equal(new[] { 0.5f, 0.25f }, (await reopened.GetManyAsync("m", ["h"]))["h"]);
    }

    [Fact]
    public void Default_path_is_under_the_user_cache_directory()
    {
        var path = SqliteEmbeddingCache.DefaultPath();
        Assert.EndsWith(Path.Combine("kimera", "cache.db"), path, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
