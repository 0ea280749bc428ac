
namespace Kimera.Statistics.Comparisons;

/// <summary>Agreement rate and Cohen's kappa of two judges' verdicts.</summary>
public static class Agreement
{
    /// <summary>Agreement and kappa of two verdict sequences over the same pairs.</summary>
    public static AgreementResult Compute(ReadOnlySpan<bool> verdictsA, ReadOnlySpan<bool> verdictsB)
    {
        if (verdictsA.Length != verdictsB.Length)
        {
            throw new ArgumentException($"Judge a has {verdictsA.Length} verdicts, judge b {verdictsB.Length}.", nameof(verdictsB));
        }

        long yesYes = 0, yesNo = 0, noYes = 0, noNo = 0;
        for (var i = 0; i < verdictsA.Length; i++)
        {
            switch (verdictsA[i], verdictsB[i])
            {
                case (true, true): yesYes++; break;
                case (true, false): yesNo++; break;
                case (false, true): noYes++; break;
                default: noNo++; break;
            }
        }

        return FromTable(yesYes, yesNo, noYes, noNo);
    }

    /// <summary>Agreement and kappa from the 2×2 table (a yes/b yes, a yes/b no, a no/b yes, a no/b no).</summary>
    public static AgreementResult FromTable(long yesYes, long yesNo, long noYes, long noNo)
    {
        var total = yesYes + yesNo + noYes + noNo;
        if (total == 0)
        {
            return new AgreementResult(0, null, null);
        }

        double n = total;
        var observed = (yesYes + noNo) / n;
        var expected = (((yesYes + yesNo) / n) * ((yesYes + noYes) / n)) + (((noYes + noNo) / n) * ((yesNo + noNo) / n));
        double? kappa = expected >= 1 ? null : (observed - expected) / (1 - expected);
        return new AgreementResult(total, observed, kappa);
    }
}
