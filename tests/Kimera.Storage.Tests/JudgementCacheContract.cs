using Kimera.Judging;

namespace Kimera.Storage.Tests;

/// <summary>What every judgement cache must do; run once per implementation.</summary>
public abstract class JudgementCacheContract
{
    /// <summary>A cache on fresh, empty storage.</summary>
    protected abstract IJudgementCache CreateCache();

    /// <summary>A new instance on the storage of the last <see cref="CreateCache"/>, as another process would open it.</summary>
    protected abstract IJudgementCache ReopenCache();

    [Fact]
    public async Task Stored_judgements_are_read_back_by_a_new_instance_on_the_same_storage()
    {
        await CreateCache().SetManyAsync(
        [
            new("k1", new Judgement(true, 0.85, "opposite claims")),
            new("k2", new Judgement(false, 0.3, null)),
        ]);

        var found = await ReopenCache().GetManyAsync(["k1", "k2", "absent"]);

        Assert.Equal(2, found.Count);
        Assert.Equal(new Judgement(true, 0.85, "opposite claims"), found["k1"]);
        Assert.Equal(new Judgement(false, 0.3, null), found["k2"]);
        Assert.False(found.ContainsKey("absent"));
    }

    [Fact]
    public async Task Reads_and_writes_more_keys_than_one_statement_or_transaction_takes()
    {
        var cache = CreateCache();
        // 600 keys: two SQLite read batches (500 + 100). The 300 even keys start with "ab", one Table partition, so they need
        // three transactions of 100; the odd ones spread over the partitions.
        static string Key(int i) => i % 2 == 0 ? $"ab{i}" : $"key-{i}";
        var entries = Enumerable.Range(0, 600)
            .Select(i => new KeyValuePair<string, Judgement>(Key(i), new Judgement(i % 3 == 0, i / 2000.0, $"r{i}")))
            .ToArray();
        await cache.SetManyAsync(entries);

        var found = await cache.GetManyAsync(entries.Select(e => e.Key).Append("key-9999").ToArray());

        Assert.Equal(600, found.Count);
        Assert.Equal(new Judgement(true, 300 / 2000.0, "r300"), found["ab300"]);
        Assert.Equal(new Judgement(false, 599 / 2000.0, "r599"), found["key-599"]);
        Assert.Equal(200, found.Values.Count(j => j.IsContradiction == true)); // multiples of 3 in 0..599: 600 / 3
    }

    [Fact]
    public async Task A_later_write_overwrites_the_entry()
    {
        var cache = CreateCache();
        await cache.SetManyAsync([new("k", new Judgement(true, 0.9, "first"))]);
        await cache.SetManyAsync([new("k", new Judgement(false, 0.6, "second"))]);

        var found = await cache.GetManyAsync(["k"]);

        Assert.Equal(new Judgement(false, 0.6, "second"), found["k"]);
    }

    [Fact]
    public async Task A_failed_judgement_is_refused_and_nothing_of_its_batch_is_stored()
    {
        var cache = CreateCache();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => cache.SetManyAsync(
        [
            new("good", new Judgement(true, 0.9, "ok")),
            new("bad", Judgement.Failed("HTTP 500 after 5 retries")),
        ]));

        Assert.Contains("'bad'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await cache.GetManyAsync(["good", "bad"]));
    }

    [Fact]
    public async Task Confidence_survives_bit_for_bit()
    {
        // Doubles that a decimal round trip with too few digits would change (0.1 + 0.2 = 0.30000000000000004).
        var cache = CreateCache();
        double[] values = [0.1 + 0.2, 1.0 / 3, 5e-324, 0.9999999999999999];
        await cache.SetManyAsync(values.Select((v, i) => new KeyValuePair<string, Judgement>($"c{i}", new Judgement(true, v, null))).ToArray());

        var found = await cache.GetManyAsync(values.Select((_, i) => $"c{i}").ToArray());

        Assert.Equal(
            values.Select(BitConverter.DoubleToInt64Bits),
            values.Select((_, i) => BitConverter.DoubleToInt64Bits(found[$"c{i}"].Confidence!.Value)));
    }

    [Fact]
    public async Task Empty_requests_do_nothing()
    {
        var cache = CreateCache();
        await cache.SetManyAsync([]);
        Assert.Empty(await cache.GetManyAsync([]));
    }
}
