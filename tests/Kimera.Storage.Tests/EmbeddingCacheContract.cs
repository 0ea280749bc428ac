using Kimera.Engine.Embeddings;

namespace Kimera.Storage.Tests;

/// <summary>What every embedding cache must do; run once per implementation.</summary>
public abstract class EmbeddingCacheContract
{
    protected abstract IEmbeddingCache CreateCache();

    [Fact]
    public async Task Stored_vectors_come_back_bit_for_bit()
    {
        var cache = CreateCache();
        float[] a = [0.1f, -0.25f, float.Epsilon, 1e-30f];
        float[] b = [3.4028235e38f, -0f, 0.333333343f, 7f];
        await cache.SetManyAsync("model-x", [new("hash-a", a), new("hash-b", b)]);

        var found = await cache.GetManyAsync("model-x", ["hash-a", "hash-b"]);

        Assert.Equal(2, found.Count);
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), found["hash-a"].Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(b.Select(BitConverter.SingleToInt32Bits), found["hash-b"].Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public async Task Missing_hashes_are_left_out_of_the_result()
    {
        var cache = CreateCache();
        await cache.SetManyAsync("model-x", [new("present", [1f, 2f])]);

        var found = await cache.GetManyAsync("model-x", ["present", "absent"]);

        Assert.Equal(["present"], found.Keys);
    }

    [Fact]
    public async Task Model_id_is_part_of_the_key()
    {
        var cache = CreateCache();
        await cache.SetManyAsync("model-a", [new("same-text", [1f])]);
        await cache.SetManyAsync("model-b", [new("same-text", [2f])]);

        Assert.Equal(1f, (await cache.GetManyAsync("model-a", ["same-text"]))["same-text"][0]);
        Assert.Equal(2f, (await cache.GetManyAsync("model-b", ["same-text"]))["same-text"][0]);
        Assert.Empty(await cache.GetManyAsync("model-c", ["same-text"]));
    }

    [Fact]
    public async Task Writing_again_overwrites()
    {
        var cache = CreateCache();
        await cache.SetManyAsync("m", [new("h", [1f, 1f])]);
        await cache.SetManyAsync("m", [new("h", [2f, 3f])]);

        Assert.Equal(new[] { 2f, 3f }, (await cache.GetManyAsync("m", ["h"]))["h"]);
    }

    [Fact]
    public async Task Large_batches_round_trip_across_statement_limits()
    {
        // 650 entries: two SQLite read batches (500 + 150). The first 250 hashes are forced to start with "ab", so they share
        // one Table partition and need three transactions (100 + 100 + 50); the other 400 spread over the 256 partitions.
        var cache = CreateCache();
        var entries = Enumerable.Range(0, 650)
            .Select(i => (i, hash: TextHash.Sha256Hex($"text {i}")))
            .Select(e => new KeyValuePair<string, float[]>(e.i < 250 ? "ab" + e.hash[2..] : e.hash, [e.i, -e.i, e.i / 7f]))
            .ToArray();
        await cache.SetManyAsync("m", entries);

        var found = await cache.GetManyAsync("m", entries.Select(e => e.Key).Append("not-there").ToArray());

        Assert.Equal(650, found.Count);
        Assert.All(entries, e => Assert.Equal(e.Value, found[e.Key]));
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_do_not_lose_entries()
    {
        var cache = CreateCache();
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (worker, ct) =>
        {
            var entries = Enumerable.Range(0, 50).Select(i => new KeyValuePair<string, float[]>($"w{worker}-{i}", [worker, i])).ToArray();
            await cache.SetManyAsync("m", entries, ct);
            var back = await cache.GetManyAsync("m", entries.Select(e => e.Key).ToArray(), ct);
            Assert.Equal(50, back.Count);
        });

        var all = await cache.GetManyAsync("m", Enumerable.Range(0, 8).SelectMany(w => Enumerable.Range(0, 50).Select(i => $"w{w}-{i}")).ToArray());
        Assert.Equal(400, all.Count);
        Assert.Equal([3f, 17f], all["w3-17"]);
    }
}
