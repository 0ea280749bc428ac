using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Kimera.Datasets.Sampling;

/// <summary>
/// Picks a seeded, stratified sample from pairs streamed in plan order, in constant memory per stratum: within each
/// stratum, selection sampling (Knuth's Algorithm S) takes the i-th of its n pairs (i from 0) with probability
/// (k − taken)/(n − i), which draws a uniformly random subset of exactly k pairs. Each stratum has its own
/// <see cref="Random"/>, seeded from the run seed and the stratum, so the sample depends on the dataset, the seed and N
/// only (not on chunk size or parallelism), and the sampled pairs keep their plan order.
/// </summary>
public sealed class StratifiedSelector
{
    private readonly Dictionary<StratumKey, Stratum> _strata;

    /// <param name="counts">Pairs per stratum in the whole dataset (a first pass over it).</param>
    /// <param name="allocation">Pairs to take per stratum (<see cref="StratifiedAllocation.Allocate"/>).</param>
    public StratifiedSelector(IReadOnlyDictionary<StratumKey, long> counts, IReadOnlyDictionary<StratumKey, long> allocation, int seed)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(allocation);
        _strata = counts.ToDictionary(c => c.Key, c => new Stratum(c.Value, allocation.GetValueOrDefault(c.Key), new Random(SeedOf(seed, c.Key))));
    }

    /// <summary>Whether the next pair of the stream belongs to the sample. Call once per pair, in plan order.</summary>
    /// <exception cref="InvalidOperationException">The stream differs from the one counted (more pairs in a stratum).</exception>
    public bool Take(BenchmarkPair pair)
    {
        var key = StratumKey.Of(pair);
        if (!_strata.TryGetValue(key, out var stratum) || stratum.Seen >= stratum.Count)
        {
            throw new InvalidOperationException($"The dataset changed between the two passes of the sample: more pairs of stratum {key} than counted.");
        }

        var take = stratum.Taken < stratum.Wanted && stratum.Random.NextInt64(stratum.Count - stratum.Seen) < stratum.Wanted - stratum.Taken;
        stratum.Seen++;
        if (take)
        {
            stratum.Taken++;
        }

        return take;
    }

    /// <summary>A stratum's own seed: SHA-256 of the run seed and the stratum, so strata draw independent streams.</summary>
    internal static int SeedOf(int seed, StratumKey key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"kimera-sample/1\n{seed}\n{key}")));
        return BinaryPrimitives.ReadInt32LittleEndian(hash);
    }

    private sealed class Stratum(long count, long wanted, Random random)
    {
        public long Count { get; } = count;

        public long Wanted { get; } = wanted;

        public Random Random { get; } = random;

        public long Seen { get; set; }

        public long Taken { get; set; }
    }
}
