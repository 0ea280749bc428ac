using Kimera.Statistics.Comparisons;
using Kimera.Statistics.Curves;
using Kimera.Statistics.Intervals;

namespace Kimera.Statistics.RunComparisons;

/// <summary>
/// Compares two runs of the same pairs judge by judge (<c>kimera compare</c>): accuracy, F1 and AUROC of each run with
/// bootstrap intervals, their difference B − A with a paired bootstrap interval, the exact McNemar test (and mid-p) of the
/// accuracies, DeLong's test of the AUROCs, a paired bootstrap test of F1, each Holm-adjusted across the judges compared,
/// the pairs whose verdict changed, and optionally the <see cref="RegressionRule"/>'s decision.
/// </summary>
public static class RunComparer
{
    /// <summary>Most typical changed pairs kept per judge unless told otherwise.</summary>
    public const int DefaultChangedShown = 5;

    /// <param name="pairs">The pairs present in both runs.</param>
    /// <param name="pairings">The judges to compare, each a judge of A with a judge of B.</param>
    /// <param name="options">Bootstrap resamples (0 = none), confidence level, seed and parallelism; the rest is unused.</param>
    /// <param name="rule">The regression gate to decide, or null.</param>
    /// <param name="changedShown">How many of each judge's most typical changed pairs to keep.</param>
    public static RunComparison Compare(
        IReadOnlyList<MatchedPair> pairs, IReadOnlyList<JudgePairing> pairings, StatisticsOptions options,
        RegressionRule? rule = null, int changedShown = DefaultChangedShown)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(pairings);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        rule?.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(changedShown);

        var raw = pairings.Select(p => CompareJudge(pairs, p, options, rule, changedShown)).ToArray();

        // Holm across the judges compared, one family per metric.
        var holm = Enum.GetValues<ComparedMetric>().ToDictionary(
            m => m, m => HolmAdjustment.Adjust([.. raw.Select(r => r.Comparison.Of(m).PValue)]));
        var judges = raw.Select((r, i) => r.Comparison with
        {
            Accuracy = r.Comparison.Accuracy with { HolmPValue = holm[ComparedMetric.Accuracy][i] },
            F1 = r.Comparison.F1 with { HolmPValue = holm[ComparedMetric.F1][i] },
            Auroc = r.Comparison.Auroc with { HolmPValue = holm[ComparedMetric.Auroc][i] },
        }).ToArray();

        var verdict = rule is null ? null : RegressionGate.Decide(rule, judges, [.. raw.Select(r => r.GateInterval)]);
        return new RunComparison(pairs.Count, judges, options.BootstrapResamples, options.ConfidenceLevel, options.Seed, verdict);
    }

    private static (JudgeRunComparison Comparison, double[]? GateInterval) CompareJudge(
        IReadOnlyList<MatchedPair> pairs, JudgePairing pairing, StatisticsOptions options, RegressionRule? rule, int changedShown)
    {
        var labels = new List<bool>();
        var predA = new List<bool>();
        var predB = new List<bool>();
        var scoreA = new List<double>();
        var scoreB = new List<double>();
        foreach (var pair in pairs)
        {
            var a = pair.A[pairing.IndexA];
            var b = pair.B[pairing.IndexB];
            if (pair.Label is not { } label || a.IsError || b.IsError)
            {
                continue;
            }

            labels.Add(label);
            predA.Add(a.Pred!.Value);
            predB.Add(b.Pred!.Value);
            // AUROC on the pairs both runs scored, so both curves see the same pairs.
            var scored = a.Score is { } sa && double.IsFinite(sa) && b.Score is { } sb && double.IsFinite(sb);
            scoreA.Add(scored ? a.Score!.Value : double.NaN);
            scoreB.Add(scored ? b.Score!.Value : double.NaN);
        }

        var n = labels.Count;
        var labelsArray = labels.ToArray();
        var matrixA = ConfusionMatrix.From(labelsArray, predA.ToArray());
        var matrixB = ConfusionMatrix.From(labelsArray, predB.ToArray());
        var correctA = Enumerable.Range(0, n).Select(i => predA[i] == labels[i]).ToArray();
        var correctB = Enumerable.Range(0, n).Select(i => predB[i] == labels[i]).ToArray();
        var mcnemar = McNemarTest.FromCorrectness(correctA, correctB);

        var scoredRows = Enumerable.Range(0, n).Where(i => !double.IsNaN(scoreA[i])).ToArray();
        var scoredLabels = scoredRows.Select(i => labels[i]).ToArray();
        var scoredA = scoredRows.Select(i => scoreA[i]).ToArray();
        var scoredB = scoredRows.Select(i => scoreB[i]).ToArray();
        var aurocA = RankingMetrics.Auroc(scoredLabels, scoredA);
        var aurocB = RankingMetrics.Auroc(scoredLabels, scoredB);
        var delong = DeLongTest.Compare(scoredLabels, scoredA, scoredB, options.ConfidenceLevel);

        PairedResamples? resamples = options.BootstrapResamples > 0 && n > 0
            ? PairedBootstrap.Resample(labelsArray, predA.ToArray(), scoreA.ToArray(), predB.ToArray(), scoreB.ToArray(), options.BootstrapResamples, options.Seed, options.MaxDegreeOfParallelism)
            : null;
        var level = options.ConfidenceLevel;
        MetricComparison Metric(ComparedMetric metric, double? a, double? b, string test, double? p) => new(
            a, resamples is null ? null : ConfidenceInterval.Percentile(resamples.A(metric), level),
            b, resamples is null ? null : ConfidenceInterval.Percentile(resamples.B(metric), level),
            a is { } va && b is { } vb ? vb - va : null,
            resamples?.DifferenceInterval(metric, level),
            test, p, null);

        var comparison = new JudgeRunComparison(
            pairing.A, pairing.B, n, scoredRows.Length,
            Metric(ComparedMetric.Accuracy, matrixA.Accuracy, matrixB.Accuracy, "mcnemar_exact", n == 0 ? null : mcnemar.ExactPValue),
            Metric(ComparedMetric.F1, n == 0 ? null : matrixA.F1, n == 0 ? null : matrixB.F1, "paired_bootstrap", resamples?.PValue(ComparedMetric.F1)),
            Metric(ComparedMetric.Auroc, aurocA, aurocB, "delong", delong?.PValue),
            mcnemar, delong, Changed(pairs, pairing, changedShown));
        var gate = rule is null || resamples is null ? null : resamples.DifferenceInterval(rule.Metric, 1 - rule.Alpha);
        return (comparison, gate);
    }

    /// <summary>Counts the changed verdicts and keeps the most typical: widest score gap first, then pair id.</summary>
    private static ChangedVerdicts Changed(IReadOnlyList<MatchedPair> pairs, JudgePairing pairing, int shown)
    {
        long count = 0, fixedCount = 0, broken = 0, unlabelled = 0;
        var changed = new List<(int Index, double Gap, string Id)>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var a = pairs[i].A[pairing.IndexA];
            var b = pairs[i].B[pairing.IndexB];
            if (a.IsError || b.IsError || a.Pred == b.Pred)
            {
                continue;
            }

            count++;
            switch (pairs[i].Label)
            {
                case null: unlabelled++; break;
                case { } label when b.Pred == label: fixedCount++; break;
                default: broken++; break;
            }

            var gap = a.Score is { } sa && b.Score is { } sb && double.IsFinite(sa) && double.IsFinite(sb) ? Math.Abs(sb - sa) : double.NegativeInfinity;
            changed.Add((i, gap, pairs[i].PairId));
        }

        var typical = changed
            .OrderByDescending(c => c.Gap)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(shown)
            .Select(c => c.Index)
            .ToArray();
        return new ChangedVerdicts(count, fixedCount, broken, unlabelled) { MostTypical = typical };
    }
}
