using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Kimera.Statistics.Comparisons;

/// <summary>McNemar's test of two judges' accuracies on the same labelled pairs.</summary>
public static class McNemarTest
{
    /// <summary>Test from the discordant counts.</summary>
    public static McNemarResult FromDiscordant(long b, long c)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        var discordant = b + c;
        var exact = discordant == 0 ? 1.0 : Math.Min(1.0, 2 * Binomial.CDF(0.5, checked((int)discordant), Math.Min(b, c)));
        var midP = discordant == 0 ? 1.0 : MidP(b, c);
        if (discordant == 0)
        {
            return new McNemarResult(b, c, null, null, exact) { MidPValue = midP };
        }

        var deviation = Math.Abs(b - c) - 1.0;
        var statistic = deviation * deviation / discordant;

        // Upper tail of χ²(1) through the regularised gamma function keeps precision for tiny p-values.
        var p = SpecialFunctions.GammaUpperRegularized(0.5, statistic / 2);
        return new McNemarResult(b, c, statistic, p, exact) { MidPValue = midP };
    }

    /// <summary>Two-sided mid-p = 2·[P(X &lt; k) + ½·P(X = k)], k = min(b, c), X ~ Binomial(b + c, ½): the exact p less
    /// P(X = k) when b ≠ c, 1 when b = c (Fagerland, Lydersen &amp; Laake 2013, BMC Med Res Methodol 13:91).</summary>
    private static double MidP(long b, long c)
    {
        var n = checked((int)(b + c));
        var k = (int)Math.Min(b, c);
        var below = k == 0 ? 0.0 : Binomial.CDF(0.5, n, k - 1);
        return Math.Min(1.0, 2 * (below + (0.5 * Binomial.PMF(0.5, n, k))));
    }

    /// <summary>Test from each pair's correctness under judge a and judge b.</summary>
    public static McNemarResult FromCorrectness(ReadOnlySpan<bool> correctA, ReadOnlySpan<bool> correctB)
    {
        if (correctA.Length != correctB.Length)
        {
            throw new ArgumentException($"Judge a has {correctA.Length} pairs, judge b {correctB.Length}.", nameof(correctB));
        }

        long b = 0, c = 0;
        for (var i = 0; i < correctA.Length; i++)
        {
            if (correctA[i] && !correctB[i])
            {
                b++;
            }
            else if (!correctA[i] && correctB[i])
            {
                c++;
            }
        }

        return FromDiscordant(b, c);
    }
}
