using Kimera.Judging;
using Kimera.Storage.Sqlite;
using Kimera.TestSupport;
using Microsoft.Data.Sqlite;

namespace Kimera.Storage.Tests;

public sealed class SqliteJudgementCacheTests : JudgementCacheContract, IDisposable
{
    private readonly TempDirectory _temp = new();
    private string _path = string.Empty;

    protected override IJudgementCache CreateCache()
    {
        _path = _temp.File($"cache{Guid.NewGuid():N}/kimera.db");
        return new SqliteJudgementCache(_path);
    }

    protected override IJudgementCache ReopenCache() => new SqliteJudgementCache(_path);

    [Fact]
    public async Task The_table_has_one_row_per_key()
    {
        var cache = CreateCache();
        await cache.SetManyAsync([new("a", new Judgement(true, 0.7, "x")), new("b", new Judgement(false, 0.8, "y"))]);
        await cache.SetManyAsync([new("a", new Judgement(true, 0.75, "x2"))]);

        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), SUM(is_contradiction) FROM judgements";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.Equal(2, reader.GetInt64(0));
        Assert.Equal(1, reader.GetInt64(1));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
