namespace Kimera.Datasets.Sampling;

/// <summary>
/// How many pairs of each stratum a sample of N takes: proportional allocation by the largest-remainder (Hamilton) rule.
/// With T pairs in all and n_s in stratum s, each stratum first gets ⌊N·n_s / T⌋; the pairs still missing go one each to
/// the strata with the largest remainders N·n_s mod T (ties: the larger stratum, then <see cref="StratumKey"/> order).
/// Integer arithmetic only, so the result is exact and the same on every machine; N ≥ T takes every pair.
/// </summary>
public static class StratifiedAllocation
{
    public static IReadOnlyDictionary<StratumKey, long> Allocate(IReadOnlyDictionary<StratumKey, long> counts, long sampleSize)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleSize);
        var total = counts.Values.Sum();
        if (sampleSize >= total)
        {
            return counts.ToDictionary(c => c.Key, c => c.Value);
        }

        var shares = counts.ToDictionary(c => c.Key, c => (Take: sampleSize * c.Value / total, Remainder: sampleSize * c.Value % total));
        var missing = sampleSize - shares.Values.Sum(s => s.Take);
        var allocation = shares.ToDictionary(s => s.Key, s => s.Value.Take);
        foreach (var key in shares
            .OrderByDescending(s => s.Value.Remainder)
            .ThenByDescending(s => counts[s.Key])
            .ThenBy(s => s.Key)
            .Take((int)missing)
            .Select(s => s.Key))
        {
            allocation[key]++;
        }

        return allocation;
    }
}
