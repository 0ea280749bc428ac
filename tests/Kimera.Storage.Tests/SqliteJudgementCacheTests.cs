using Kimera.Judging;
using Kimera.Storage.Sqlite;
using Kimera.TestSupport;
using Microsoft.Data.Sqlite;

namespace Kimera.Storage.Tests;

public sealed class SqliteJudgementCacheTests
{
    [Fact]
    public async Task Stored_judgements_are_read_back_by_a_new_instance_on_the_same_file()
    {
        using var temp = new TempDirectory();
        var path = temp.File("cache/kimera.db");
        await new SqliteJudgementCache(path).SetManyAsync(
        [
            new("k1", new Judgement(true, 0.85, "opposite claims")),
            new("k2", new Judgement(false, 0.3, null)),
        ]);

        var found = await new SqliteJudgementCache(path).GetManyAsync(["k1", "k2", "absent"]);

        Assert.Equal(2, found.Count);
        Assert.Equal(new Judgement(true, 0.85, "opposite claims"), found["k1"]);
        Assert.Equal(new Judgement(false, 0.3, null), found["k2"]);
        Assert.False(found.ContainsKey("absent"));
    }

    [Fact]
    public async Task Reads_and_writes_more_keys_than_one_statement_takes()
    {
        using var temp = new TempDirectory();
        var cache = new SqliteJudgementCache(temp.File("kimera.db"));
        // 1,234 keys: three read batches of 500, 500 and 234.
        var entries = Enumerable.Range(0, 1234)
            .Select(i => new KeyValuePair<string, Judgement>($"key-{i}", new Judgement(i % 3 == 0, i / 2000.0, $"r{i}")))
            .ToArray();
        await cache.SetManyAsync(entries);

        var found = await cache.GetManyAsync(entries.Select(e => e.Key).Append("key-9999").ToArray());

        Assert.Equal(1234, found.Count);
        Assert.Equal(new Judgement(true, 999 / 2000.0, "r999"), found["key-999"]);
        Assert.Equal(new Judgement(false, 1000 / 2000.0, "r1000"), found["key-1000"]);
        Assert.Equal(entries.Count(e => e.Value.IsContradiction == true), found.Values.Count(j => j.IsContradiction == true));
        Assert.Equal(412, found.Values.Count(j => j.IsContradiction == true)); // ceil(1234 / 3) multiples of 3 in 0..1233
    }

    [Fact]
    public async Task A_later_write_overwrites_the_entry()
    {
        using var temp = new TempDirectory();
        var cache = new SqliteJudgementCache(temp.File("kimera.db"));
        await cache.SetManyAsync([new("k", new Judgement(true, 0.9, "first"))]);
        await cache.SetManyAsync([new("k", new Judgement(false, 0.6, "second"))]);

        var found = await cache.GetManyAsync(["k"]);

        Assert.Equal(new Judgement(false, 0.6, "second"), found["k"]);
    }

    [Fact]
    public async Task A_failed_judgement_is_refused_and_nothing_of_its_batch_is_stored()
    {
        using var temp = new TempDirectory();
        var cache = new SqliteJudgementCache(temp.File("kimera.db"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => cache.SetManyAsync(
        [
            new("good", new Judgement(true, 0.9, "ok")),
            new("bad", Judgement.Failed("HTTP 500 after 5 retries")),
        ]));

        Assert.Contains("'bad'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await cache.GetManyAsync(["good", "bad"]));
    }

    [Fact]
    public async Task The_table_has_one_row_per_key()
    {
        using var temp = new TempDirectory();
        var path = temp.File("kimera.db");
        var cache = new SqliteJudgementCache(path);
        await cache.SetManyAsync([new("a", new Judgement(true, 0.7, "x")), new("b", new Judgement(false, 0.8, "y"))]);
        await cache.SetManyAsync([new("a", new Judgement(true, 0.75, "x2"))]);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), SUM(is_contradiction) FROM judgements";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        Assert.Equal(2, reader.GetInt64(0));
        Assert.Equal(1, reader.GetInt64(1));
    }
}
