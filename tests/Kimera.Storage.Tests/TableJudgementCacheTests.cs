using Azure.Data.Tables;
using Kimera.Judging;
using Kimera.Storage.AzureTables;
using Kimera.TestSupport.Azurite;

namespace Kimera.Storage.Tests;

[Trait("Category", "Azurite")]
public sealed class TableJudgementCacheTests(AzuriteFixture azurite) : JudgementCacheContract, IClassFixture<AzuriteFixture>
{
    private readonly TableServiceClient _service = new(azurite.ConnectionString);
    private string _table = string.Empty;

    protected override IJudgementCache CreateCache()
    {
        _table = AzuriteFixture.UniqueName("judge");
        return new TableJudgementCache(_service, _table);
    }

    protected override IJudgementCache ReopenCache() => new TableJudgementCache(_service, _table);

    [Fact]
    public async Task Entities_are_partitioned_by_the_first_two_hex_characters_of_the_key()
    {
        var cache = (TableJudgementCache)CreateCache();
        // SHA-256("hello") = 2cf24dba5f... (python3 hashlib): a production-style key goes to partition "2c".
        const string hexKey = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
        await cache.SetManyAsync([new(hexKey, new Judgement(true, 0.75, "negation")), new("w3-17", new Judgement(false, 0.5, null))]);

        var entities = await _service.GetTableClient(cache.TableName).QueryAsync<TableEntity>().ToListAsync();

        var hex = Assert.Single(entities, e => e.RowKey == hexKey);
        Assert.Equal("2c", hex.PartitionKey);
        Assert.True(hex.GetBoolean("IsContradiction"));
        Assert.Equal(0.75, hex.GetDouble("Confidence"));
        Assert.Equal("negation", hex.GetString("Reasoning"));
        // A key that is not hex is bucketed by its own SHA-256: SHA-256("w3-17") starts with d2 (python3 hashlib).
        Assert.Equal("d2", Assert.Single(entities, e => e.RowKey == "w3-17").PartitionKey);
    }

    [Fact]
    public async Task A_key_Table_Storage_cannot_hold_is_refused_with_its_name()
    {
        var cache = CreateCache();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => cache.SetManyAsync([new("a/b", new Judgement(true, 0.9, null))]));
        Assert.Contains("'a/b'", error.Message, StringComparison.Ordinal);
    }
}
