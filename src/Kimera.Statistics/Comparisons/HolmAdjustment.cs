namespace Kimera.Statistics.Comparisons;

/// <summary>Holm's step-down adjustment (Holm, 1979) of p-values tested together: it controls the family-wise error rate
/// like Bonferroni and rejects at least as much. Adjusted p₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎), with p₍₁₎ ≤ … ≤ p₍ₘ₎.</summary>
/// <remarks>Written here because MathNet.Numerics has no multiple-comparison corrections; the rule is a few lines.</remarks>
public static class HolmAdjustment
{
    /// <summary>The adjusted p-values, in the order given. A null p-value (a test that could not be computed) stays null and
    /// does not count in m.</summary>
    public static double?[] Adjust(IReadOnlyList<double?> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var tested = Enumerable.Range(0, pValues.Count)
            .Where(i => pValues[i] is not null)
            .OrderBy(i => pValues[i]!.Value)
            .ThenBy(i => i)
            .ToArray();
        var adjusted = new double?[pValues.Count];
        var m = tested.Length;
        var running = 0.0;
        for (var rank = 0; rank < m; rank++)
        {
            var index = tested[rank];
            running = Math.Max(running, Math.Min(1.0, (m - rank) * pValues[index]!.Value));
            adjusted[index] = running;
        }

        return adjusted;
    }
}
