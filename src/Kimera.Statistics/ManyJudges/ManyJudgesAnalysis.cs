using Kimera.Statistics.Comparisons;

namespace Kimera.Statistics.ManyJudges;

/// <summary>Statistics over all judges at once (more than two): Cochran's Q, Fleiss' kappa, Holm-adjusted pairwise tests
/// and rankings. Pairwise tests are those of <see cref="JudgeComparison"/>; this only corrects them for being many.</summary>
public static class ManyJudgesAnalysis
{
    /// <summary>The section for <paramref name="rows"/> judged by <paramref name="names"/>; null for two judges or fewer, whose
    /// statistics object keeps its shape.</summary>
    public static ManyJudgesResult? Compute(
        IReadOnlyList<PairOutcome> rows,
        IReadOnlyList<string> names,
        IReadOnlyDictionary<string, JudgeStatistics> judges,
        IReadOnlyList<JudgeComparison> comparisons,
        double confidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(judges);
        ArgumentNullException.ThrowIfNull(comparisons);
        if (names.Count <= 2)
        {
            return null;
        }

        // Only the pairs every judge has a verdict on can be compared across all judges at once.
        var judgedByAll = rows.Where(r => r.Judges.All(o => !o.IsError)).ToList();
        var labelledByAll = judgedByAll.Where(r => r.Label is not null).ToList();
        var cochran = labelledByAll.Count == 0
            ? null
            : CochranQTest.FromCorrectness([.. Enumerable.Range(0, names.Count).Select(j => (IReadOnlyList<bool>)[.. labelledByAll.Select(r => r.Judges[j].Pred == r.Label)])]);
        var fleiss = judgedByAll.Count == 0
            ? null
            : FleissKappa.FromVerdicts([.. Enumerable.Range(0, names.Count).Select(j => (IReadOnlyList<bool>)[.. judgedByAll.Select(r => r.Judges[j].Pred!.Value)])]);

        var mcnemar = HolmAdjustment.Adjust([.. comparisons.Select(c => c.McNemar?.PValue)]);
        var exact = HolmAdjustment.Adjust([.. comparisons.Select(c => c.McNemar?.ExactPValue)]);
        var delong = HolmAdjustment.Adjust([.. comparisons.Select(c => c.DeLong?.PValue)]);
        AdjustedComparison[] pairwise = [.. comparisons.Select((c, i) => new AdjustedComparison(c.A, c.B, mcnemar[i], exact[i], delong[i]))];

        var byAccuracy = Rank(names, judges, s => s.Accuracy, s => s.Ci?.Accuracy);
        var byAuroc = Rank(names, judges, s => s.Auroc, s => s.Ci?.Auroc);
        return new ManyJudgesResult(cochran, fleiss, pairwise, byAccuracy, byAuroc, AsGoodAsBest(byAccuracy, pairwise, 1 - confidenceLevel));
    }

    private static JudgeRank[] Rank(
        IReadOnlyList<string> names,
        IReadOnlyDictionary<string, JudgeStatistics> judges,
        Func<JudgeStatistics, double?> value,
        Func<JudgeStatistics, IReadOnlyList<double>?> ci) =>
        [.. names
            .Where(n => value(judges[n]) is not null)
            .Select(n => new JudgeRank(n, value(judges[n])!.Value, ci(judges[n])))
            .OrderByDescending(r => r.Value)
            .ThenBy(r => r.Judge, StringComparer.Ordinal)];

    /// <summary>The best judge by accuracy and those not shown worse than it (adjusted exact McNemar p ≥ α).</summary>
    private static string[] AsGoodAsBest(IReadOnlyList<JudgeRank> byAccuracy, IReadOnlyList<AdjustedComparison> pairwise, double alpha)
    {
        if (byAccuracy.Count == 0)
        {
            return [];
        }

        var best = byAccuracy[0].Judge;
        return [.. byAccuracy.Select(r => r.Judge).Where(judge =>
        {
            if (judge == best)
            {
                return true;
            }

            var test = pairwise.Single(p => (p.A == best && p.B == judge) || (p.A == judge && p.B == best));
            return test.McNemarExactPHolm is not { } p || p >= alpha;
        })];
    }
}
