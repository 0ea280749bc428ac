using System.Globalization;
using Kimera.Statistics.Baselines;
using Kimera.Statistics.Comparisons;
using Kimera.Statistics.CrossValidation;
using Kimera.Statistics.Curves;
using Kimera.Statistics.ErrorAnalysis;
using Kimera.Statistics.Intervals;
using Kimera.Statistics.ManyJudges;
using Kimera.Statistics.Noise;
using Kimera.Statistics.Sweeps;

namespace Kimera.Statistics;

/// <summary>
/// Computes the statistics object from one row per pair: per-judge metrics with bootstrap intervals and curves,
/// pairwise comparisons (agreement, kappa, McNemar, DeLong, effect sizes), threshold cross-validation and the error
/// analysis. Pairs a judge could not judge are counted as its errors and left out of its metrics; unlabelled pairs
/// feed agreement only. Labels are never invented. Repeat columns (<c>J@k</c>, <see cref="JudgeRepeatGroups"/>) are not
/// judges: they give their judge's <c>noise</c> and nothing else.
/// </summary>
public static class StatisticsCalculator
{
    /// <summary>Name of the cross-validation entry on <see cref="PairOutcome.Resonance"/>.</summary>
    public const string ResonanceScoreName = "resonance";

    /// <summary>The statistics of <paramref name="rows"/>, whose <c>Judges</c> follow <paramref name="judgeNames"/>
    /// (repeat names <c>J@k</c> included).</summary>
    public static StatisticsResult Compute(IReadOnlyList<PairOutcome> rows, IReadOnlyList<string> judgeNames, StatisticsOptions options) =>
        Compute(rows, judgeNames, options, sliceName: null);

    /// <summary>The statistics of <paramref name="rows"/>, whose <c>Judges</c> follow <paramref name="judgeNames"/>
    /// (repeat names <c>J@k</c> included).</summary>
    /// <param name="sliceName">The name of the dataset column the rows' <see cref="PairOutcome.Slice"/> holds (<c>genre</c>),
    /// which names the error analysis's slice; <c>slice</c> when null.</param>
    public static StatisticsResult Compute(IReadOnlyList<PairOutcome> rows, IReadOnlyList<string> judgeNames, StatisticsOptions options, string? sliceName)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(judgeNames);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Guard(rows, judgeNames);
        var groups = JudgeRepeatGroups.Of(judgeNames);
        var noise = Noise(rows, groups, options.ConfidenceLevel);
        var orderNoise = OrderNoise(rows, groups, options.ConfidenceLevel);
        if (groups.HasExtraColumns)
        {
            // Everything below sees the judges only, exactly as a table without repeat columns.
            rows = [.. rows.Select(r => r with { Judges = [.. groups.JudgeIndices.Select(i => r.Judges[i])] })];
            judgeNames = groups.Judges;
        }

        long labelled = rows.Count(r => r.Label is not null);
        var judges = new Dictionary<string, JudgeStatistics>(StringComparer.Ordinal);
        for (var j = 0; j < judgeNames.Count; j++)
        {
            judges[judgeNames[j]] = Judge(rows, j, options);
        }

        var comparisons = new List<JudgeComparison>();
        for (var a = 0; a < judgeNames.Count; a++)
        {
            for (var b = a + 1; b < judgeNames.Count; b++)
            {
                comparisons.Add(Compare(rows, judgeNames, a, b, options));
            }
        }

        var crossValidation = new List<CrossValidationResult>();
        if (labelled > 0)
        {
            for (var j = 0; j < judgeNames.Count; j++)
            {
                var usable = rows.Where(r => r.Label is not null && !r.Judges[j].IsError && r.Judges[j].Score is not null).ToList();
                AddCrossValidation(crossValidation, judgeNames[j], [.. usable.Select(r => r.Label!.Value)], [.. usable.Select(r => r.Judges[j].Score!.Value)], options);
            }

            var resonance = rows.Where(r => r.Label is not null && r.Resonance is not null).ToList();
            AddCrossValidation(crossValidation, ResonanceScoreName, [.. resonance.Select(r => r.Label!.Value)], [.. resonance.Select(r => r.Resonance!.Value)], options);
        }

        var message = labelled == 0
            ? StatisticsResult.NoLabelsMessage
            : labelled < rows.Count
                ? string.Create(CultureInfo.InvariantCulture, $"{labelled} of {rows.Count} pairs are labelled: label-based metrics use the labelled pairs only; agreement uses all pairs")
                : null;

        return new StatisticsResult(
            rows.Count,
            labelled,
            message,
            judges,
            comparisons,
            crossValidation,
            labelled > 0 ? ErrorAnalyzer.Compute(rows, judgeNames, options, sliceName) : null,
            new StatisticsSettings(
                options.BootstrapResamples, options.ConfidenceLevel, options.Seed, options.Folds,
                options.ThresholdObjective == ThresholdObjective.F1 ? "f1" : "youden_j", "0"))
        {
            ManyJudges = ManyJudgesAnalysis.Compute(rows, judgeNames, judges, comparisons, options.ConfidenceLevel),
            Noise = noise.Count == 0 ? null : noise,
            OrderNoise = orderNoise.Count == 0 ? null : orderNoise,
            Sweep = options.Sweep is { } sweep ? SweepResult.Of(sweep, judges, rows, judgeNames) : null,
        };
    }

    /// <summary>The noise of each judge with at least two repeats, from the repeats' verdicts (an error = no verdict).</summary>
    private static Dictionary<string, JudgeNoiseResult> Noise(IReadOnlyList<PairOutcome> rows, JudgeRepeatGroups groups, double confidenceLevel)
    {
        var noise = new Dictionary<string, JudgeNoiseResult>(StringComparer.Ordinal);
        bool?[] labels = [.. rows.Select(r => r.Label)];
        foreach (var (judge, repeats) in groups.Repeats)
        {
            if (repeats.Count < 2)
            {
                continue;
            }

            noise[judge] = JudgeNoise.Compute(
                [.. repeats.Select(k => (IReadOnlyList<bool?>)[.. rows.Select(r => r.Judges[k].IsError ? null : r.Judges[k].Pred)])],
                labels,
                confidenceLevel);
        }

        return noise;
    }

    /// <summary>The order flip rate of each judge asked in both orders, from its <c>@ab</c> and <c>@ba</c> verdicts (an error = no
    /// verdict): the two orders taken as two repeats, so a flip is a pair whose verdict differs between the orders.</summary>
    private static Dictionary<string, JudgeNoiseResult> OrderNoise(IReadOnlyList<PairOutcome> rows, JudgeRepeatGroups groups, double confidenceLevel)
    {
        var noise = new Dictionary<string, JudgeNoiseResult>(StringComparer.Ordinal);
        bool?[] labels = [.. rows.Select(r => r.Label)];
        foreach (var (judge, (forward, reversed)) in groups.Orders)
        {
            noise[judge] = JudgeNoise.Compute(
                [.. new[] { forward, reversed }.Select(k => (IReadOnlyList<bool?>)[.. rows.Select(r => r.Judges[k].IsError ? null : r.Judges[k].Pred)])],
                labels,
                confidenceLevel);
        }

        return noise;
    }

    private static void Guard(IReadOnlyList<PairOutcome> rows, IReadOnlyList<string> judgeNames)
    {
        if (judgeNames.Count == 0)
        {
            throw new ArgumentException("At least one judge name is needed.", nameof(judgeNames));
        }

        var duplicate = judgeNames.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Judge name '{duplicate.Key}' appears more than once.", nameof(judgeNames));
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is null)
            {
                throw new ArgumentException($"Row {i} is null.", nameof(rows));
            }

            if (rows[i].Judges is null || rows[i].Judges.Count != judgeNames.Count)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Judges?.Count ?? 0} judge outcomes; expected {judgeNames.Count} ({string.Join(", ", judgeNames)}).", nameof(rows));
            }

            foreach (var outcome in rows[i].Judges)
            {
                if (outcome.Score is { } score && !double.IsFinite(score))
                {
                    throw new ArgumentException($"Row {i} has a non-finite score {score}.", nameof(rows));
                }
            }
        }
    }

    private static JudgeStatistics Judge(IReadOnlyList<PairOutcome> rows, int j, StatisticsOptions options)
    {
        long errors = 0, judged = 0, positives = 0;
        var labels = new List<bool>();
        var predictions = new List<bool>();
        var scores = new List<double>();
        var errorTexts = new List<string?>();
        foreach (var row in rows)
        {
            var outcome = row.Judges[j];
            if (outcome.IsError)
            {
                errors++;
                errorTexts.Add(outcome.Error);
                continue;
            }

            judged++;
            positives += outcome.Pred!.Value ? 1 : 0;
            if (row.Label is { } label)
            {
                labels.Add(label);
                predictions.Add(outcome.Pred!.Value);
                scores.Add(outcome.Score ?? double.NaN);
            }
        }

        double? positiveRate = judged == 0 ? null : (double)positives / judged;
        if (labels.Count == 0)
        {
            return new JudgeStatistics(null, null, null, null, null, null, null, errors, judged, 0, positiveRate, null, null, null)
            {
                ErrorCauses = ErrorCause.Top(errorTexts),
            };
        }

        var labelArray = labels.ToArray();
        var confusion = ConfusionMatrix.From(labelArray, [.. predictions]);
        var scored = Enumerable.Range(0, labelArray.Length).Where(i => !double.IsNaN(scores[i])).ToArray();
        bool[] scoredLabels = [.. scored.Select(i => labelArray[i])];
        double[] scoredScores = [.. scored.Select(i => scores[i])];
        var roc = scored.Length == 0 ? null : RankingMetrics.Roc(scoredLabels, scoredScores, options.DropIntermediateRocPoints);
        var pr = scored.Length == 0 ? null : RankingMetrics.PrecisionRecall(scoredLabels, scoredScores);
        var auroc = scored.Length == 0 ? null : (double?)RankingMetrics.Auroc(scoredLabels, scoredScores);
        var ci = options.BootstrapResamples == 0
            ? null
            : BootstrapConfidence.Compute(labelArray, [.. predictions], [.. scores], options.BootstrapResamples, options.ConfidenceLevel, options.Seed, options.MaxDegreeOfParallelism);

        return new JudgeStatistics(
            confusion.Accuracy,
            confusion.Precision,
            confusion.Recall,
            confusion.F1,
            confusion.MacroF1,
            auroc,
            scored.Length == 0 ? null : RankingMetrics.AveragePrecision(scoredLabels, scoredScores),
            errors,
            judged,
            labelArray.Length,
            positiveRate,
            confusion,
            ci,
            roc is null && pr is null ? null : new JudgeCurves(RocPointsOf(roc, options.MaxCurvePoints), PrPointsOf(pr, options.MaxCurvePoints)))
        {
            ErrorCauses = ErrorCause.Top(errorTexts),
            Baselines = BaselineComparison.Compute(labelArray, predictions, auroc, ci?.Auroc, 1 - options.ConfidenceLevel),
        };
    }

    private static JudgeComparison Compare(IReadOnlyList<PairOutcome> rows, IReadOnlyList<string> names, int a, int b, StatisticsOptions options)
    {
        var both = rows.Where(r => !r.Judges[a].IsError && !r.Judges[b].IsError).ToList();
        var agreement = Agreement.Compute([.. both.Select(r => r.Judges[a].Pred!.Value)], [.. both.Select(r => r.Judges[b].Pred!.Value)]);
        var labelled = both.Where(r => r.Label is not null).ToList();
        if (labelled.Count == 0)
        {
            return new JudgeComparison(names[a], names[b], agreement.Pairs, agreement.Agreement, agreement.CohenKappa, 0, null, null, null);
        }

        bool[] correctA = [.. labelled.Select(r => r.Judges[a].Pred == r.Label)];
        bool[] correctB = [.. labelled.Select(r => r.Judges[b].Pred == r.Label)];
        var mcnemar = McNemarTest.FromCorrectness(correctA, correctB);

        var scored = labelled.Where(r => r.Judges[a].Score is not null && r.Judges[b].Score is not null).ToList();
        bool[] labels = [.. scored.Select(r => r.Label!.Value)];
        double[] scoresA = [.. scored.Select(r => r.Judges[a].Score!.Value)];
        double[] scoresB = [.. scored.Select(r => r.Judges[b].Score!.Value)];
        var delong = DeLongTest.Compare(labels, scoresA, scoresB, options.ConfidenceLevel);

        var accuracyA = (double)correctA.Count(c => c) / correctA.Length;
        var accuracyB = (double)correctB.Count(c => c) / correctB.Length;
        var effects = new EffectSizes(
            EffectSizes.CohenHOf(accuracyA, accuracyB),
            mcnemar.C == 0 ? null : (double)mcnemar.B / mcnemar.C,
            EffectSizes.CohenDOf(scoresA, scoresB));

        return new JudgeComparison(names[a], names[b], agreement.Pairs, agreement.Agreement, agreement.CohenKappa, labelled.Count, mcnemar, delong, effects);
    }

    private static void AddCrossValidation(List<CrossValidationResult> results, string name, bool[] labels, double[] scores, StatisticsOptions options)
    {
        var result = ThresholdCrossValidation.Run(name, labels, scores, options.Folds, options.Seed, options.ThresholdObjective, options.ShuffleFolds);
        if (result is not null)
        {
            results.Add(result);
        }
    }

    private static ReportRocCurve? RocPointsOf(RocCurve? curve, int maxPoints)
    {
        if (curve is null)
        {
            return null;
        }

        var keep = Thin(curve.Fpr.Count, maxPoints);
        return new ReportRocCurve(
            [.. keep.Select(i => curve.Fpr[i])],
            [.. keep.Select(i => curve.Tpr[i])],
            [.. keep.Select(i => double.IsFinite(curve.Thresholds[i]) ? curve.Thresholds[i] : (double?)null)]);
    }

    private static ReportPrecisionRecallCurve? PrPointsOf(PrecisionRecallCurve? curve, int maxPoints)
    {
        if (curve is null)
        {
            return null;
        }

        var keep = Thin(curve.Precision.Count, maxPoints);
        return new ReportPrecisionRecallCurve(
            [.. keep.Select(i => curve.Precision[i])],
            [.. keep.Select(i => curve.Recall[i])],
            [.. keep.Select(i => i < curve.Thresholds.Count ? curve.Thresholds[i] : (double?)null)]);
    }

    /// <summary>Indices of at most <paramref name="maxPoints"/> evenly spaced points, both ends kept.</summary>
    private static int[] Thin(int count, int maxPoints) =>
        count <= maxPoints
            ? [.. Enumerable.Range(0, count)]
            : [.. Enumerable.Range(0, maxPoints).Select(k => (int)Math.Round((double)k * (count - 1) / (maxPoints - 1))).Distinct()];
}
