using System.Diagnostics;
using Kimera.Engine.Geoids;
using Kimera.Statistics.Randomness;

namespace Kimera.Engine.Reactor;

/// <summary>
/// Seeded reactor cycles (docs/algorithm.md, "Scars and reactor cycles"): shuffle, walk consecutive pairs, scar the pairs whose resonance is
/// below <see cref="KimeraEngineOptions.ResonanceThreshold"/>. Scars feed back: a later pair of the same cycle
/// sees the scars of earlier pairs. Mutates the geoids and the registry, so not thread-safe.
/// </summary>
public sealed class KimeraReactor
{
    private readonly KimeraEngineOptions _options;
    private readonly Resonance _resonance;
    private readonly TimeProvider _time;

    public KimeraReactor(ScarRegistry scars, KimeraEngineOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(scars);
        Scars = scars;
        _options = options ?? new KimeraEngineOptions();
        _resonance = new Resonance(_options); // validates the options
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The registry this reactor writes scars to.</summary>
    public ScarRegistry Scars { get; }

    /// <summary>The resonance this reactor uses (same options).</summary>
    public Resonance Resonance => _resonance;

    /// <summary><c>reactorCycle(geoids)</c> with its own generator <c>new Random(seed)</c>.</summary>
    public ReactorCycleResult RunCycle(IReadOnlyList<Geoid> geoids, int seed) => RunCycle(geoids, new Random(seed));

    /// <summary>
    /// <c>reactorCycle(geoids)</c>: shuffles a copy of <paramref name="geoids"/> with <see cref="SeededShuffle"/>,
    /// then for pairs (0,1), (2,3), … computes <c>r</c>; <c>r &lt; THRESH</c> creates a scar of weight <c>1 - r</c>
    /// appended to both geoids. An odd last geoid is left unpaired.
    /// </summary>
    public ReactorCycleResult RunCycle(IReadOnlyList<Geoid> geoids, Random random)
    {
        ArgumentNullException.ThrowIfNull(geoids);
        ArgumentNullException.ThrowIfNull(random);
        var items = geoids.ToArray();
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentException($"Geoid at index {i} is null.", nameof(geoids));
            }
        }

        SeededShuffle.ShuffleInPlace(items, random);
        var created = new List<Scar>();
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            var (first, second) = (items[i], items[i + 1]);
            var r = _resonance.Compute(first, second, Scars);
            if (r < _options.ResonanceThreshold)
            {
                created.Add(CreateScar(first, second, 1 - r));
            }
        }

        return new ReactorCycleResult(items.Length / 2, created);
    }

    /// <summary>
    /// <c>reactorCycleBatched(geoids, chunk)</c>: one cycle per consecutive slice of <paramref name="sliceSize"/>
    /// geoids (default <see cref="KimeraEngineOptions.ReactorSliceSize"/>). All slices draw from one
    /// <c>new Random(seed)</c> in turn, as the original's slices drew from Python's one global generator.
    /// </summary>
    public ReactorStatistics RunBatched(IReadOnlyList<Geoid> geoids, int seed, int? sliceSize = null)
    {
        ArgumentNullException.ThrowIfNull(geoids);
        var size = sliceSize ?? _options.ReactorSliceSize;
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sliceSize), size, $"Slice size must be at least 1, got {size}.");
        }

        var stopwatch = Stopwatch.StartNew();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: false);
        var linksBefore = geoids.Sum(g => g?.Scars.Count ?? 0);
        var random = new Random(seed);
        var pairs = 0;
        var slices = 0;
        var scars = new List<Scar>();
        for (var offset = 0; offset < geoids.Count; offset += size)
        {
            var slice = new Geoid[Math.Min(size, geoids.Count - offset)];
            for (var i = 0; i < slice.Length; i++)
            {
                slice[i] = geoids[offset + i];
            }

            var result = RunCycle(slice, random);
            pairs += slice.Length / 2;
            slices++;
            scars.AddRange(result.NewScars);
        }

        var memoryDelta = GC.GetTotalMemory(forceFullCollection: false) - memoryBefore;
        stopwatch.Stop();
        var linksAfter = geoids.Sum(g => g.Scars.Count);
        return new ReactorStatistics(
            GeoidCount: geoids.Count,
            SliceCount: slices,
            PairsProcessed: pairs,
            ElapsedMilliseconds: stopwatch.Elapsed.TotalMilliseconds,
            MemoryDeltaBytes: memoryDelta,
            NewScars: scars.Count,
            NewScarLinks: linksAfter - linksBefore,
            MeanScarWeight: scars.Count == 0 ? null : scars.Average(s => s.Weight),
            MinScarWeight: scars.Count == 0 ? null : scars.Min(s => s.Weight),
            MaxScarWeight: scars.Count == 0 ? null : scars.Max(s => s.Weight));
    }

    private Scar CreateScar(Geoid first, Geoid second, double weight)
    {
        var scar = new Scar(Scars.NextScarId(first.Gid, second.Gid), (first.Gid, second.Gid), weight, _time.GetUtcNow());
        Scars.Add(scar);
        first.AddScar(scar.ScarId);
        second.AddScar(scar.ScarId);
        return scar;
    }
}
