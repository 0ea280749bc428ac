namespace Kimera.Statistics;

/// <summary>
/// Percentile bootstrap confidence intervals of accuracy, F1 and AUROC of one judge, fast on millions of pairs.
/// </summary>
/// <remarks>
/// <para>
/// A resample draws n rows with replacement; all three metrics depend only on how many times each
/// (score, label, verdict) cell was drawn. So the rows are grouped once into cells ordered by descending score,
/// and each resample is n uniform draws into per-cell counts followed by one O(cells) pass: no sorting per
/// resample (the AUROC pass walks the pre-sorted score groups, counting ties as ½).
/// </para>
/// <para>
/// Resample r uses its own generator seeded from (seed, r), so the intervals are identical whatever the
/// thread count or scheduling. Resamples with one class only have no AUROC and are left out of its interval.
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

        var cells = Cells.Build(labels, predictions, scores);
        var accuracy = new double[resamples];
        var f1 = new double[resamples];
        var auroc = new double[resamples];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(
            0, resamples, options,
            () => new int[cells.Count],
            (r, _, counts) =>
            {
                cells.Resample(SeededRandom.ForStream(seed, r), counts);
                (accuracy[r], f1[r], auroc[r]) = cells.Metrics(counts);
                return counts;
            },
            _ => { });

        return new BootstrapIntervals(
            ConfidenceInterval.Percentile(accuracy, level),
            ConfidenceInterval.Percentile(f1, level),
            ConfidenceInterval.Percentile(auroc, level));
    }

    /// <summary>Distinct (score, label, verdict) cells, ordered by descending score (unscored cells last).</summary>
    private sealed class Cells
    {
        private int[] _cellOfRow = [];
        private int[] _group = [];
        private byte[] _kind = [];

        public int Count => _group.Length;

        public static Cells Build(ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predictions, ReadOnlySpan<double> scores)
        {
            var n = labels.Length;
            var keys = new double[n];
            var order = new int[n];
            for (var i = 0; i < n; i++)
            {
                // Unscored rows sort last; (kind) breaks ties so that each cell is one contiguous run.
                keys[i] = double.IsNaN(scores[i]) ? double.PositiveInfinity : -scores[i];
                order[i] = i;
            }

            var kinds = new byte[n];
            for (var i = 0; i < n; i++)
            {
                kinds[i] = (byte)((labels[i] ? 2 : 0) + (predictions[i] ? 1 : 0));
            }

            Array.Sort(keys, order);
            var cellOfRow = new int[n];
            var group = new List<int>();
            var kind = new List<byte>();
            var start = 0;
            var groupId = 0;
            while (start < n)
            {
                var end = start;
                while (end < n && keys[end].Equals(keys[start]))
                {
                    end++;
                }

                var scored = !double.IsPositiveInfinity(keys[start]);
                Span<int> cellOfKind = [-1, -1, -1, -1];
                for (var r = start; r < end; r++)
                {
                    var k = kinds[order[r]];
                    if (cellOfKind[k] < 0)
                    {
                        cellOfKind[k] = group.Count;
                        group.Add(scored ? groupId : -1);
                        kind.Add(k);
                    }

                    cellOfRow[order[r]] = cellOfKind[k];
                }

                groupId++;
                start = end;
            }

            return new Cells { _cellOfRow = cellOfRow, _group = [.. group], _kind = [.. kind] };
        }

        public void Resample(SeededRandom random, int[] counts)
        {
            Array.Clear(counts);
            var cellOfRow = _cellOfRow;
            var n = cellOfRow.Length;
            for (var i = 0; i < n; i++)
            {
                counts[cellOfRow[random.NextInt(n)]]++;
            }
        }

        public (double Accuracy, double F1, double Auroc) Metrics(int[] counts)
        {
            long tp = 0, fp = 0, tn = 0, fn = 0;
            long positivesAbove = 0, twiceWins = 0, groupPositives = 0, groupNegatives = 0;
            var currentGroup = int.MinValue;
            for (var c = 0; c < counts.Length; c++)
            {
                long count = counts[c];
                var group = _group[c];
                switch (_kind[c])
                {
                    case 3: tp += count; break;
                    case 2: fn += count; break;
                    case 1: fp += count; break;
                    default: tn += count; break;
                }

                if (group < 0)
                {
                    continue;
                }

                if (group != currentGroup)
                {
                    twiceWins += groupNegatives * ((2 * positivesAbove) + groupPositives);
                    positivesAbove += groupPositives;
                    groupPositives = groupNegatives = 0;
                    currentGroup = group;
                }

                if (_kind[c] >= 2)
                {
                    groupPositives += count;
                }
                else
                {
                    groupNegatives += count;
                }
            }

            twiceWins += groupNegatives * ((2 * positivesAbove) + groupPositives);
            var positives = positivesAbove + groupPositives;
            var negatives = ScoredTotal(counts) - positives;
            var total = tp + fp + tn + fn;
            var auroc = positives == 0 || negatives == 0 ? double.NaN : twiceWins / (2.0 * positives * negatives);
            return ((double)(tp + tn) / total, ConfusionMatrix.F1Of(tp, fp, fn), auroc);
        }

        private long ScoredTotal(int[] counts)
        {
            long total = 0;
            for (var c = 0; c < counts.Length; c++)
            {
                if (_group[c] >= 0)
                {
                    total += counts[c];
                }
            }

            return total;
        }
    }
}
