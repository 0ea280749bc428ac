using Kimera.Statistics.Intervals;

namespace Kimera.Statistics.RunComparisons;

/// <summary>
/// The paired bootstrap of two judges (or one judge in two runs) on the same pairs: each resample draws n pairs with
/// replacement and scores both on that same draw, so the difference B − A keeps the correlation between them (what
/// makes a paired interval narrower than two separate ones).
/// </summary>
/// <remarks>Resample r draws exactly what <see cref="BootstrapConfidence"/> draws for A alone with the same seed (the
/// counts of A's layout from stream (seed, r)), carried over to B pair by pair; A's intervals here are therefore those of
/// <see cref="BootstrapConfidence.Compute"/>.</remarks>
public static class PairedBootstrap
{
    /// <param name="scoresA">A's scores; <see cref="double.NaN"/> where a pair has none (it then counts for accuracy and F1
    /// only). Give NaN in both where either lacks a score, so both AUROCs are on the same pairs.</param>
    public static PairedResamples Resample(
        ReadOnlySpan<bool> labels,
        ReadOnlySpan<bool> predictionsA, ReadOnlySpan<double> scoresA,
        ReadOnlySpan<bool> predictionsB, ReadOnlySpan<double> scoresB,
        int resamples, long seed, int? maxDegreeOfParallelism = null)
    {
        var n = labels.Length;
        if (predictionsA.Length != n || scoresA.Length != n || predictionsB.Length != n || scoresB.Length != n)
        {
            throw new ArgumentException($"Labels ({n}), A ({predictionsA.Length}, {scoresA.Length}) and B ({predictionsB.Length}, {scoresB.Length}) differ in length.", nameof(scoresB));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        ArgumentOutOfRangeException.ThrowIfZero(n, nameof(labels));
        var layoutA = BootstrapConfidence.Layout.Build(labels, predictionsA, scoresA);
        var layoutB = BootstrapConfidence.Layout.Build(labels, predictionsB, scoresB);
        var positionInB = new int[n];
        for (var p = 0; p < n; p++)
        {
            positionInB[layoutB.RowAt[p]] = p;
        }

        var aToB = new int[n];
        for (var p = 0; p < n; p++)
        {
            aToB[p] = positionInB[layoutA.RowAt[p]];
        }

        var result = new PairedResamples(resamples);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(
            0, resamples, options,
            () => (A: new byte[n], B: new byte[n]),
            (r, _, counts) =>
            {
                BootstrapConfidence.Layout.Counts(SeededRandom.ForStream(seed, r), counts.A);
                for (var p = 0; p < n; p++)
                {
                    counts.B[aToB[p]] = counts.A[p];
                }

                result.Set(r, layoutA.Metrics(counts.A), layoutB.Metrics(counts.B));
                return counts;
            },
            _ => { });
        return result;
    }
}
