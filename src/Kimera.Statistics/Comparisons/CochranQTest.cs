using MathNet.Numerics;

namespace Kimera.Statistics.Comparisons;

/// <summary>Cochran's Q test (Cochran, 1950) over k judges' correctness on the same pairs: McNemar's test generalised to
/// more than two judges. With k = 2 it equals McNemar's χ² without continuity correction.</summary>
/// <remarks>Written here because MathNet.Numerics has no Cochran's Q; the χ² tail is MathNet's.</remarks>
public static class CochranQTest
{
    /// <summary>Test from <paramref name="correct"/>[j][i]: whether judge j got pair i right. Every judge has the same pairs.</summary>
    public static CochranQResult FromCorrectness(IReadOnlyList<IReadOnlyList<bool>> correct)
    {
        ArgumentNullException.ThrowIfNull(correct);
        var k = correct.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 2, nameof(correct));
        var b = correct[0].Count;
        for (var j = 1; j < k; j++)
        {
            if (correct[j].Count != b)
            {
                throw new ArgumentException($"Judge {j} has {correct[j].Count} pairs, judge 0 has {b}.", nameof(correct));
            }
        }

        // Column totals Cⱼ (pairs judge j got right), row totals Rᵢ (judges that got pair i right), N = ΣCⱼ = ΣRᵢ.
        var columns = new long[k];
        long total = 0, rowSquares = 0;
        for (var i = 0; i < b; i++)
        {
            var row = 0;
            for (var j = 0; j < k; j++)
            {
                if (correct[j][i])
                {
                    columns[j]++;
                    row++;
                }
            }

            total += row;
            rowSquares += (long)row * row;
        }

        var denominator = ((double)k * total) - rowSquares;
        if (denominator <= 0)
        {
            return new CochranQResult(k, b, null, k - 1, null);
        }

        var columnSquares = columns.Sum(c => (double)c * c);
        var q = (k - 1) * ((k * columnSquares) - ((double)total * total)) / denominator;

        // Upper tail of χ²(k − 1) through the regularised gamma function keeps precision for tiny p-values.
        var p = SpecialFunctions.GammaUpperRegularized((k - 1) / 2.0, q / 2);
        return new CochranQResult(k, b, q, k - 1, p);
    }
}
