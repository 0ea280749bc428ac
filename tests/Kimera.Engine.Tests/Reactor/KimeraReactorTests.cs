using Kimera.Engine.Geoids;
using Kimera.Engine.Reactor;

namespace Kimera.Engine.Tests.Reactor;

public sealed class KimeraReactorTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static Geoid G(string text, params float[] vector) => new(text, "en", vector);

    private static KimeraReactor NewReactor(KimeraEngineOptions? options = null) =>
        new(new ScarRegistry(), options, new FixedTimeProvider(Now));

    private static Geoid[] Orthogonal(int n) =>
        [.. Enumerable.Range(0, n).Select(i =>
        {
            var v = new float[n];
            v[i] = 1;
            return G($"text {i}", v);
        })];

    [Fact]
    public void Cycle_pairs_the_seeded_shuffle_consecutively_and_scars_every_low_pair()
    {
        // Four orthogonal vectors: every pair has r = 0 < 0.3, so every pair leaves a scar of weight 1,
        // and the scars' gid pairs reveal the pairing. Seed 7 shuffles [0,1,2,3] to [0,3,2,1]
        // (see SeededShuffleTests), so the pairs are (0,3) and (2,1).
        var geoids = Orthogonal(4);
        var reactor = NewReactor();

        var result = reactor.RunCycle(geoids, seed: 7);

        Assert.Equal(2, result.PairsProcessed);
        Assert.Equal(
            [(geoids[0].Gid, geoids[3].Gid), (geoids[2].Gid, geoids[1].Gid)],
            result.NewScars.Select(s => s.GidPair));
        Assert.All(result.NewScars, s => Assert.Equal(1.0, s.Weight, 12));
        Assert.All(result.NewScars, s => Assert.Equal(Now, s.Timestamp));
        Assert.Equal([result.NewScars[0].ScarId], geoids[0].Scars);
        Assert.Equal([result.NewScars[0].ScarId], geoids[3].Scars);
        Assert.Equal([result.NewScars[1].ScarId], geoids[1].Scars);
        Assert.Equal(2, reactor.Scars.Count);
    }

    [Fact]
    public void Cycle_leaves_no_scar_at_or_above_the_threshold_and_leaves_the_odd_geoid_unpaired()
    {
        // All vectors equal: r = 1 everywhere. Five geoids make two pairs.
        var geoids = Enumerable.Range(0, 5).Select(i => G($"t{i}", 1, 1)).ToArray();
        var result = NewReactor().RunCycle(geoids, seed: 1);
        Assert.Equal(2, result.PairsProcessed);
        Assert.Empty(result.NewScars);
        Assert.All(geoids, g => Assert.Empty(g.Scars));
    }

    [Fact]
    public void Scar_weight_is_one_minus_resonance_even_above_one_for_negative_resonance()
    {
        // cos([1,0],[7,24]) = 7/25 = 0.28 -> weight 0.72; cos([1,0],[-3,4]) = -3/5 -> weight 1.6.
        var reactor = NewReactor();
        var low = reactor.RunCycle([G("alpha", 1, 0), G("gamma", 7, 24)], seed: 3);
        var negative = reactor.RunCycle([G("delta", 1, 0), G("epsilon", -3, 4)], seed: 3);
        Assert.Equal(0.72, Assert.Single(low.NewScars).Weight, 12);
        Assert.Equal(1.6, Assert.Single(negative.NewScars).Weight, 12);
    }

    [Fact]
    public void A_later_pair_sees_the_penalty_of_an_earlier_scar()
    {
        // Slice 1 pairs A with C: r = 0.28 -> scar s1, weight 0.72, on A and C.
        // Slice 2 pairs A with B: cosine 24/25 = 0.96, but A carries s1, so r = 0.96 * (1 - 0.72) = 0.2688 < 0.3
        // -> scar of weight 0.7312. Without the feedback A-B (0.96) would leave no scar.
        var a = G("alpha", 1, 0);
        var c = G("gamma", 7, 24);
        var b = G("beta", 24, 7);
        var reactor = NewReactor();

        var stats = reactor.RunBatched([a, c, a, b], seed: 11, sliceSize: 2);

        Assert.Equal(2, stats.NewScars);
        Assert.Equal(0.72, reactor.Scars.Scars[0].Weight, 12);
        Assert.Equal(0.7312, reactor.Scars.Scars[1].Weight, 12);
        Assert.Equal(2, a.Scars.Count);
        Assert.Equal(b.Scars[0], a.Scars[1]);

        var fresh = NewReactor().RunCycle([G("alpha", 1, 0), G("beta", 24, 7)], seed: 11);
        Assert.Empty(fresh.NewScars);
    }

    [Fact]
    public void Scars_feed_back_into_the_next_cycle_over_the_same_geoids()
    {
        var a = G("alpha", 1, 0);
        var c = G("gamma", 7, 24);
        var b = G("beta", 24, 7);
        var reactor = NewReactor();
        reactor.RunCycle([a, c], seed: 1);
        // Union of A's and B's scars = {s1} -> 0.96 * 0.28 = 0.2688
        Assert.Equal(0.2688, reactor.Resonance.Compute(a, b, reactor.Scars), 12);
        Assert.Single(reactor.RunCycle([a, b], seed: 1).NewScars);
    }

    [Fact]
    public void Scar_ids_are_deterministic_uuids_derived_from_registry_position_and_gids()
    {
        // Python: gid("en","alpha") = 20cba2fa256e4e13, gid("en","gamma") = 68f8bab9a62f943b;
        // sha256("scar:0:20cba2fa256e4e13:68f8bab9a62f943b")[:16] with version 8 and RFC variant bits
        // = 9b093859-7ce9-8ac6-ae49-b290f110ad1f.
        var a = G("alpha", 1, 0);
        var c = G("gamma", 7, 24);
        Assert.Equal("20cba2fa256e4e13", a.Gid);
        var registry = new ScarRegistry();
        Assert.Equal("9b093859-7ce9-8ac6-ae49-b290f110ad1f", registry.NextScarId(a.Gid, c.Gid));

        var first = NewReactor().RunBatched(Orthogonal(6), seed: 42);
        var runOne = Orthogonal(6);
        var runTwo = Orthogonal(6);
        var r1 = NewReactor();
        var r2 = NewReactor();
        r1.RunBatched(runOne, seed: 42);
        r2.RunBatched(runTwo, seed: 42);
        Assert.Equal(3, first.NewScars);
        Assert.Equal(r1.Scars.Scars, r2.Scars.Scars);
        Assert.Equal(3, r1.Scars.Scars.Select(s => s.ScarId).Distinct().Count());
    }

    [Fact]
    public void Registry_rejects_a_duplicate_scar_id()
    {
        var registry = new ScarRegistry();
        registry.Add(new Scar("s1", ("x", "y"), 0.5, Now));
        Assert.Throws<ArgumentException>(() => registry.Add(new Scar("s1", ("x", "z"), 0.6, Now)));
        Assert.Throws<KeyNotFoundException>(() => registry.WeightOf("s2"));
        Assert.Equal(0.5, registry.WeightOf("s1"));
    }

    [Theory]
    // 401 geoids in slices of 200: 200, 200, 1 -> 100 + 100 + 0 pairs.
    [InlineData(401, 200, 3, 200)]
    // 7 in slices of 3: 3, 3, 1 -> 1 + 1 + 0 = 2 (not 7 / 2 = 3).
    [InlineData(7, 3, 3, 2)]
    [InlineData(400, 200, 2, 200)]
    [InlineData(1, 200, 1, 0)]
    [InlineData(0, 200, 0, 0)]
    public void Batched_counts_pairs_per_slice(int geoidCount, int sliceSize, int slices, int pairs)
    {
        var geoids = Enumerable.Range(0, geoidCount).Select(i => G($"t{i}", 1, 1)).ToArray();
        var stats = NewReactor(new KimeraEngineOptions { ReactorSliceSize = sliceSize }).RunBatched(geoids, seed: 9);
        Assert.Equal(geoidCount, stats.GeoidCount);
        Assert.Equal(slices, stats.SliceCount);
        Assert.Equal(pairs, stats.PairsProcessed);
        Assert.Equal(0, stats.NewScars);
        Assert.Null(stats.MeanScarWeight);
        Assert.True(stats.ElapsedMilliseconds >= 0);
    }

    [Fact]
    public void Batched_reports_scar_counts_and_weights()
    {
        // Slice [A, C]: r = 0.28 -> weight 0.72. Slice [D, E]: r = -0.6 -> weight 1.6. Slice [F, H]: r = 0.96, no scar.
        // Mean (0.72 + 1.6) / 2 = 1.16. Scar links: 2 scars x 2 geoids = 4 (the original's "new_scars").
        Geoid[] geoids =
        [
            G("alpha", 1, 0), G("gamma", 7, 24),
            G("delta", 1, 0), G("epsilon", -3, 4),
            G("phi", 3, 4), G("eta", 4, 3),
        ];
        var stats = NewReactor().RunBatched(geoids, seed: 5, sliceSize: 2);
        Assert.Equal(3, stats.PairsProcessed);
        Assert.Equal(2, stats.NewScars);
        Assert.Equal(4, stats.NewScarLinks);
        Assert.Equal(1.16, stats.MeanScarWeight!.Value, 12);
        Assert.Equal(0.72, stats.MinScarWeight!.Value, 12);
        Assert.Equal(1.6, stats.MaxScarWeight!.Value, 12);
    }

    [Fact]
    public void Batched_slices_draw_from_one_seeded_generator_in_turn()
    {
        // Python port: rng = Compat(123); shuffle(range(5), rng) == [0,1,2,3,4]; then == [1,2,4,0,3].
        // 10 orthogonal geoids in slices of 5: slice 1 pairs (0,1),(2,3); slice 2 (5+1,5+2),(5+4,5+0).
        var geoids = Orthogonal(10);
        var reactor = NewReactor();
        var stats = reactor.RunBatched(geoids, seed: 123, sliceSize: 5);
        Assert.Equal(4, stats.PairsProcessed);
        Assert.Equal(
            [(geoids[0].Gid, geoids[1].Gid), (geoids[2].Gid, geoids[3].Gid), (geoids[6].Gid, geoids[7].Gid), (geoids[9].Gid, geoids[5].Gid)],
            reactor.Scars.Scars.Select(s => s.GidPair));
    }

    [Fact]
    public void Custom_threshold_changes_which_pairs_scar()
    {
        // r = 0.96 scars only when THRESH is raised above it.
        var reactor = NewReactor(new KimeraEngineOptions { ResonanceThreshold = 0.97 });
        var result = reactor.RunCycle([G("phi", 3, 4), G("eta", 4, 3)], seed: 1);
        Assert.Equal(0.04, Assert.Single(result.NewScars).Weight, 12);
    }

    [Fact]
    public void Bad_slice_size_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NewReactor().RunBatched([G("a", 1)], seed: 1, sliceSize: 0));
        Assert.Contains("0", error.Message, StringComparison.Ordinal);
    }
}
