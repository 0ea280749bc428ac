namespace Kimera.Statistics.Comparisons;

/// <summary>Fleiss' kappa (Fleiss, 1971) for a fixed number of raters per subject.</summary>
/// <remarks>Written here because MathNet.Numerics has no inter-rater agreement statistics.</remarks>
public static class FleissKappa
{
    /// <summary>Kappa from <paramref name="counts"/>[i][j]: how many raters put subject i in category j. Every subject has the same
    /// number of ratings (at least two).</summary>
    public static FleissKappaResult FromCounts(IReadOnlyList<IReadOnlyList<int>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            throw new ArgumentException("There are no subjects to rate.", nameof(counts));
        }

        var categories = counts[0].Count;
        var raters = counts[0].Sum();
        ArgumentOutOfRangeException.ThrowIfLessThan(raters, 2, nameof(counts));
        var categoryTotals = new double[categories];
        var observed = 0.0;
        for (var i = 0; i < counts.Count; i++)
        {
            var row = counts[i];
            if (row.Count != categories || row.Sum() != raters)
            {
                throw new ArgumentException($"Subject {i} has {row.Sum()} ratings in {row.Count} categories; subject 0 has {raters} in {categories}.", nameof(counts));
            }

            // Pᵢ: the share of the n(n − 1) ordered rater pairs of subject i that agree.
            double agreeing = 0;
            for (var j = 0; j < categories; j++)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(row[j], nameof(counts));
                agreeing += (double)row[j] * (row[j] - 1);
                categoryTotals[j] += row[j];
            }

            observed += agreeing / ((double)raters * (raters - 1));
        }

        var subjects = counts.Count;
        var meanObserved = observed / subjects;
        var chance = categoryTotals.Sum(t => Math.Pow(t / ((double)subjects * raters), 2));
        double? kappa = chance >= 1 ? null : (meanObserved - chance) / (1 - chance);
        return new FleissKappaResult(subjects, raters, meanObserved, chance, kappa);
    }

    /// <summary>Kappa of binary verdicts: <paramref name="verdicts"/>[r][i] is rater r's verdict on subject i.</summary>
    public static FleissKappaResult FromVerdicts(IReadOnlyList<IReadOnlyList<bool>> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentOutOfRangeException.ThrowIfLessThan(verdicts.Count, 2, nameof(verdicts));
        var subjects = verdicts[0].Count;
        var counts = new int[subjects][];
        for (var i = 0; i < subjects; i++)
        {
            var yes = 0;
            foreach (var rater in verdicts)
            {
                if (rater.Count != subjects)
                {
                    throw new ArgumentException($"A rater has {rater.Count} verdicts, the first has {subjects}.", nameof(verdicts));
                }

                yes += rater[i] ? 1 : 0;
            }

            counts[i] = [yes, verdicts.Count - yes];
        }

        return FromCounts(counts);
    }
}
