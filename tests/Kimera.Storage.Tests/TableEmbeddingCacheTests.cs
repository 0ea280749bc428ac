using Azure.Data.Tables;
using Kimera.Engine.Embeddings;
using Kimera.Storage.AzureTables;
using Kimera.TestSupport.Azurite;

namespace Kimera.Storage.Tests;

[Trait("Category", "Azurite")]
public sealed class TableEmbeddingCacheTests(AzuriteFixture azurite) : EmbeddingCacheContract, IClassFixture<AzuriteFixture>
{
    private readonly TableServiceClient _service = new(azurite.ConnectionString);

    protected override IEmbeddingCache CreateCache() => new TableEmbeddingCache(_service, AzuriteFixture.UniqueName("emb"));

    [Fact]
    public async Task Vectors_are_float32_little_endian_bytes_under_a_model_and_hash_prefix_partition()
    {
        var cache = new TableEmbeddingCache(_service, AzuriteFixture.UniqueName("emb"));
        const string hash = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"; // SHA-256("hello")
        await cache.SetManyAsync("sentence-transformers/all-MiniLM-L6-v2", [new(hash, [1f, -2f])]);

        var entity = Assert.Single(await _service.GetTableClient(cache.TableName).QueryAsync<TableEntity>().ToListAsync());

        // First 16 hex chars of SHA-256("sentence-transformers/all-MiniLM-L6-v2") = e9e2c8815f70dad4 (python3 hashlib), then the hash's "2c".
        Assert.Equal("e9e2c8815f70dad4-2c", entity.PartitionKey);
        Assert.Equal(hash, entity.RowKey);
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", entity.GetString("Model"));
        // IEEE 754: 1.0f = 0x3F800000, -2.0f = 0xC0000000, stored low byte first.
        Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0 }, entity.GetBinary("Vector"));
    }

    [Fact]
    public async Task A_second_instance_on_the_same_table_reads_what_the_first_wrote()
    {
        var table = AzuriteFixture.UniqueName("emb");
        await new TableEmbeddingCache(_service, table).SetManyAsync("m", [new("h1", [0.5f, 0.25f])]);

        var found = await new TableEmbeddingCache(_service.GetTableClient(table)).GetManyAsync("m", ["h1"]);

        Assert.Equal(new[] { 0.5f, 0.25f }, found["h1"]);
    }

    [Fact]
    public async Task A_384_dimension_vector_round_trips()
    {
        var cache = CreateCache();
        var vector = Enumerable.Range(0, 384).Select(i => MathF.Sin(i)).ToArray();
        await cache.SetManyAsync("m", [new("abcd", vector)]);

        Assert.Equal(vector, (await cache.GetManyAsync("m", ["abcd"]))["abcd"]);
    }

    [Fact]
    public async Task A_vector_beyond_the_64_KiB_property_limit_is_refused_before_writing()
    {
        var cache = CreateCache();
        // 16,385 floats = 65,540 bytes, four more than a binary property holds.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => cache.SetManyAsync("m", [new("big", new float[16_385])]));
        Assert.Contains("16385", error.Message, StringComparison.Ordinal);
    }
}
