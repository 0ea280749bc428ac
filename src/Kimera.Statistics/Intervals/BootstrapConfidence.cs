using System.Runtime.CompilerServices;

namespace Kimera.Statistics.Intervals;

/// <summary>
/// Percentile bootstrap confidence intervals of accuracy, F1 and AUROC of one judge, fast on millions of pairs.
/// </summary>
/// <remarks>
/// <para>
/// A resample draws n rows with replacement; the three metrics depend only on how many times each row was
/// drawn. So the rows are sorted once by descending score, and each resample is a vector of draw counts
/// (exactly multinomial, made with sequential writes; see <c>Layout.Counts</c>) followed by one sequential O(n)
/// pass that weights each row by its count: no sorting per resample (the AUROC pass walks the pre-sorted score
/// groups, counting ties as ½, in exact integer arithmetic).
/// </para>
/// <para>
/// Resample r uses its own generator seeded from (seed, r), so the intervals are identical whatever the
/// thread count or scheduling. Resamples with one class only have no AUROC, and resamples with neither a positive
/// label nor a positive verdict have no F1 (0/0); they are left out of that metric's interval rather than counted as 0.
/// Rows without a score (NaN) count for accuracy and F1, not for AUROC.
/// </para>
/// </remarks>
public static class BootstrapConfidence
{
    /// <summary>Intervals at <paramref name="level"/> from <paramref name="resamples"/> resamples.</summary>
    /// <param name="scores">Curve scores; <see cref="double.NaN"/> where a row has none.</param>
    public static BootstrapIntervals Compute(
        ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predictions, ReadOnlySpan<double> scores,
        int resamples, double level, long seed, int? maxDegreeOfParallelism = null)
    {
        if (labels.Length != predictions.Length || labels.Length != scores.Length)
        {
            throw new ArgumentException($"Labels ({labels.Length}), predictions ({predictions.Length}) and scores ({scores.Length}) differ in length.", nameof(scores));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Confidence level must lie strictly between 0 and 1.");
        }

        if (labels.IsEmpty)
        {
            return new BootstrapIntervals(null, null, null);
        }

        var layout = Layout.Build(labels, predictions, scores);
        var accuracy = new double[resamples];
        var f1 = new double[resamples];
        var auroc = new double[resamples];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(
            0, resamples, options,
            () => new byte[layout.Rows],
            (r, _, counts) =>
            {
                Layout.Counts(SeededRandom.ForStream(seed, r), counts);
                (accuracy[r], f1[r], auroc[r]) = layout.Metrics(counts);
                return counts;
            },
            _ => { });

        return new BootstrapIntervals(
            ConfidenceInterval.Percentile(accuracy, level),
            ConfidenceInterval.Percentile(f1, level),
            ConfidenceInterval.Percentile(auroc, level));
    }

    /// <summary>The rows sorted once by descending score, unscored rows last, with one metadata byte per position.</summary>
    internal sealed class Layout
    {
        private const byte Prediction = 1, Label = 2, GroupStart = 4;

        // Cumulative Poisson(1) probabilities P(X ≤ k), k = 0..7, scaled to 2⁶⁴: a uniform 64-bit value below
        // Thresholds[k] means a count of at most k.
        private static readonly ulong[] Thresholds = BuildThresholds();

        private byte[] _meta = [];
        private int _scored;

        public int Rows => _meta.Length;

        /// <summary>The input row at each position of the layout.</summary>
        public int[] RowAt { get; private init; } = [];

        public static Layout Build(ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predictions, ReadOnlySpan<double> scores)
        {
            var n = labels.Length;
            var keys = new double[n];
            var order = new int[n];
            for (var i = 0; i < n; i++)
            {
                keys[i] = double.IsNaN(scores[i]) ? double.PositiveInfinity : -scores[i];
                order[i] = i;
            }

            Array.Sort(keys, order);
            var meta = new byte[n];
            var scored = 0;
            for (var p = 0; p < n; p++)
            {
                var row = order[p];
                var isScored = !double.IsPositiveInfinity(keys[p]);
                scored += isScored ? 1 : 0;
                meta[p] = (byte)((predictions[row] ? Prediction : 0) | (labels[row] ? Label : 0)
                    | (isScored && (p == 0 || !keys[p].Equals(keys[p - 1])) ? GroupStart : 0));
            }

            return new Layout { _meta = meta, _scored = scored, RowAt = order };
        }

        /// <summary>
        /// Multinomial(n; 1/n, …, 1/n) counts — how often each position is drawn in n draws with replacement — made
        /// sequentially: a Poisson(1) count per position (Poisson counts conditioned on their total T are
        /// Multinomial(T; 1/n, …)), then T is brought to exactly n by removing T − n draws chosen uniformly among the
        /// drawn (rejection sampling proportional to count) or adding n − T uniform draws. Removing a random subset of
        /// iid draws, or adding iid draws, leaves iid draws, so the result is the exact bootstrap distribution, made
        /// with sequential writes and about √n random accesses instead of n.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Counts(SeededRandom random, byte[] counts)
        {
            var n = counts.Length;
            long total = 0;
            var highest = 0;
            ulong t0 = Thresholds[0], t1 = Thresholds[1], t2 = Thresholds[2], t3 = Thresholds[3], t4 = Thresholds[4];
            for (var p = 0; p < n; p++)
            {
                var u = random.NextUInt64();
                var count = (u >= t0 ? 1 : 0) + (u >= t1 ? 1 : 0) + (u >= t2 ? 1 : 0) + (u >= t3 ? 1 : 0) + (u >= t4 ? 1 : 0);
                if (count == 5)
                {
                    count = TailCount(u);
                }

                counts[p] = (byte)count;
                total += count;
                highest = Math.Max(highest, count);
            }

            for (; total > n; total--)
            {
                // Accept position p with probability counts[p]/highest: each kept removal hits one of the current draws uniformly.
                int p;
                do
                {
                    p = random.NextInt(n);
                }
                while (random.NextInt(highest) >= counts[p]);

                counts[p]--;
            }

            for (; total < n; total++)
            {
                var p = random.NextInt(n);
                if (counts[p] == byte.MaxValue)
                {
                    throw new InvalidOperationException($"A bootstrap count exceeded {byte.MaxValue} at position {p}.");
                }

                counts[p]++;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public (double Accuracy, double F1, double Auroc) Metrics(byte[] counts)
        {
            // tp = Σ c·label·pred, fp = Σ c·pred − tp, fn = Σ c·label − tp, tn = rest: no per-class branches.
            long all = 0, labelled = 0, predicted = 0, both = 0;
            long positivesAbove = 0, twiceWins = 0, groupPositives = 0, groupNegatives = 0;
            var meta = _meta;
            var scored = _scored;
            for (var p = 0; p < scored; p++)
            {
                long c = counts[p];
                int m = meta[p];
                if ((m & GroupStart) != 0)
                {
                    twiceWins += groupNegatives * ((2 * positivesAbove) + groupPositives);
                    positivesAbove += groupPositives;
                    groupPositives = groupNegatives = 0;
                }

                var positive = c * ((m >> 1) & 1);
                all += c;
                labelled += positive;
                predicted += c * (m & 1);
                both += positive * (m & 1);
                groupPositives += positive;
                groupNegatives += c - positive;
            }

            twiceWins += groupNegatives * ((2 * positivesAbove) + groupPositives);
            var scoredPositives = positivesAbove + groupPositives;
            var scoredNegatives = all - scoredPositives;
            for (var p = scored; p < meta.Length; p++)
            {
                long c = counts[p];
                int m = meta[p];
                var positive = c * ((m >> 1) & 1);
                all += c;
                labelled += positive;
                predicted += c * (m & 1);
                both += positive * (m & 1);
            }

            long tp = both, fp = predicted - both, fn = labelled - both;
            var tn = all - tp - fp - fn;
            var auroc = scoredPositives == 0 || scoredNegatives == 0 ? double.NaN : twiceWins / (2.0 * scoredPositives * scoredNegatives);
            var f1 = tp + fp + fn == 0 ? double.NaN : ConfusionMatrix.F1Of(tp, fp, fn);
            return ((double)(tp + tn) / all, f1, auroc);
        }

        private static int TailCount(ulong u)
        {
            var k = 5;
            while (k < Thresholds.Length && u >= Thresholds[k])
            {
                k++;
            }

            if (k < Thresholds.Length)
            {
                return k;
            }

            // Beyond P(X ≤ 7) (probability 1e-5): continue the cumulative sum in doubles; count = smallest j with u < C_j.
            var target = u / 18446744073709551616.0;
            var j = Thresholds.Length - 1;
            var probability = Math.Exp(-1) / 5040;   // P(X = 7)
            var cumulative = Thresholds[^1] / 18446744073709551616.0;
            while (cumulative <= target && j < byte.MaxValue - 1 && probability > 0)
            {
                j++;
                probability /= j;
                cumulative += probability;
            }

            return j;
        }

        private static ulong[] BuildThresholds()
        {
            var thresholds = new ulong[8];
            double probability = Math.Exp(-1), cumulative = 0;
            for (var k = 0; k < thresholds.Length; k++)
            {
                cumulative += probability;
                thresholds[k] = (ulong)(cumulative * 18446744073709551616.0);
                probability /= k + 1;
            }

            return thresholds;
        }
    }
}
