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

        var byAccuracy = Rank(rows, names, judges, s => s.Accuracy, s => s.Ci?.Accuracy, o => o.Pred);
        var byAuroc = Rank(rows, names, judges, s => s.Auroc, s => s.Ci?.Auroc, o => o.Score);
        return new ManyJudgesResult(cochran, fleiss, pairwise, byAccuracy, byAuroc, AsGoodAsBest(byAccuracy, pairwise, 1 - confidenceLevel));
    }

    /// <summary>The judges with a value, best first. Judges whose <paramref name="outcome"/> is the same on every row are tied:
    /// they share one rank (their values are then equal too) and sit together, ordered by name; other equal values are
    /// ordered by name and ranked apart.</summary>
    private static JudgeRank[] Rank(
        IReadOnlyList<PairOutcome> rows,
        IReadOnlyList<string> names,
        IReadOnlyDictionary<string, JudgeStatistics> judges,
        Func<JudgeStatistics, double?> value,
        Func<JudgeStatistics, IReadOnlyList<double>?> ci,
        Func<JudgeOutcome, object?> outcome)
    {
        var ranked = names.Where(n => value(judges[n]) is not null).ToList();
        var groups = TieGroups(rows, names, ranked, outcome);
        var ordered = ranked
            .OrderByDescending(n => value(judges[n])!.Value)
            .ThenBy(n => groups[n][0], StringComparer.Ordinal)
            .ThenBy(n => n, StringComparer.Ordinal)
            .ToList();
        var result = new JudgeRank[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            var name = ordered[i];
            var rank = i > 0 && groups[name][0] == groups[ordered[i - 1]][0] ? result[i - 1].Rank : i + 1;
            result[i] = new JudgeRank(name, value(judges[name])!.Value, ci(judges[name]))
            {
                Rank = rank,
                TiedWith = [.. groups[name].Where(n => n != name)],
            };
        }

        return result;
    }

    /// <summary>For each judge of <paramref name="ranked"/>, the judges (itself included, by name) whose outcome is identical to
    /// its own on every row; an error is the same outcome as another error.</summary>
    private static Dictionary<string, List<string>> TieGroups(
        IReadOnlyList<PairOutcome> rows, IReadOnlyList<string> names, IReadOnlyList<string> ranked, Func<JudgeOutcome, object?> outcome)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in ranked.Order(StringComparer.Ordinal))
        {
            var j = IndexOf(names, name);
            var group = groups.Values.FirstOrDefault(g =>
            {
                var k = IndexOf(names, g[0]);
                return rows.All(r => Equals(Of(r.Judges[j], outcome), Of(r.Judges[k], outcome)));
            });
            if (group is null)
            {
                group = [];
            }

            group.Add(name);
            groups[name] = group;
        }

        return groups;
    }

    private static object? Of(JudgeOutcome o, Func<JudgeOutcome, object?> outcome) => o.IsError ? null : outcome(o);

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"Judge '{name}' is not among the names.", nameof(name));
    }

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
