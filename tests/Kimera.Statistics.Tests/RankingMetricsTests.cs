using Kimera.Statistics.Curves;

namespace Kimera.Statistics.Tests;

public sealed class RankingMetricsTests
{
    // scikit-learn's documented example (roc_auc_score, roc_curve, average_precision_score, precision_recall_curve docs).
    private static readonly bool[] SklearnLabels = [false, false, true, true];
    private static readonly double[] SklearnScores = [0.1, 0.4, 0.35, 0.8];

    [Fact]
    public void Auroc_and_average_precision_match_the_scikit_learn_documentation_example()
    {
        // roc_auc_score(...) = 0.75; average_precision_score(...) = 0.8333... (sklearn docs).
        Assert.Equal(0.75, RankingMetrics.Auroc(SklearnLabels, SklearnScores)!.Value, 12);
        Assert.Equal(0.8333333333333333, RankingMetrics.AveragePrecision(SklearnLabels, SklearnScores)!.Value, 12);
    }

    [Fact]
    public void Roc_curve_matches_the_scikit_learn_documentation_example()
    {
        // sklearn docs: fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [inf, 0.8, 0.4, 0.35, 0.1].
        var roc = RankingMetrics.Roc(SklearnLabels, SklearnScores)!;
        Assert.Equal([0, 0, 0.5, 0.5, 1], roc.Fpr);
        Assert.Equal([0, 0.5, 0.5, 1, 1], roc.Tpr);
        Assert.Equal([double.PositiveInfinity, 0.8, 0.4, 0.35, 0.1], roc.Thresholds);
    }

    [Fact]
    public void Precision_recall_curve_matches_the_scikit_learn_documentation_example()
    {
        // sklearn docs: precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8].
        var pr = RankingMetrics.PrecisionRecall(SklearnLabels, SklearnScores)!;
        Assert.Equal([0.5, 2.0 / 3, 0.5, 1, 1], pr.Precision);
        Assert.Equal([1, 1, 0.5, 0.5, 0], pr.Recall);
        Assert.Equal([0.1, 0.35, 0.4, 0.8], pr.Thresholds);
    }

    [Fact]
    public void Precision_recall_curve_of_an_inverted_ranking_ends_at_recall_0_precision_1_as_scikit_learn_does()
    {
        // Both negatives outrank both positives. By hand, with scikit-learn's _binary_clf_curve (scores descending
        // 0.9 F, 0.8 F, 0.3 T, 0.2 T): tps [0, 0, 1, 2], fps [1, 2, 2, 2], precision tps/(tps+fps) = [0, 0, 1/3, 1/2],
        // recall [0, 0, 1/2, 1]; precision_recall_curve reverses them and appends the (precision 1, recall 0) end that has
        // no threshold. The points at recall 0 keep precision 0; only the appended end has precision 1.
        bool[] labels = [false, false, true, true];
        double[] scores = [0.9, 0.8, 0.3, 0.2];

        var pr = RankingMetrics.PrecisionRecall(labels, scores)!;

        Assert.Equal([0.5, 1.0 / 3, 0, 0, 1], pr.Precision);
        Assert.Equal([1, 0.5, 0, 0, 0], pr.Recall);
        Assert.Equal([0.2, 0.3, 0.8, 0.9], pr.Thresholds);
        // average_precision_score = (1 − ½)·½ + (½ − 0)·⅓ = 5/12; AUROC = 0 (every positive below every negative).
        Assert.Equal(5.0 / 12, RankingMetrics.AveragePrecision(labels, scores)!.Value, 12);
        Assert.Equal(0, RankingMetrics.Auroc(labels, scores)!.Value, 12);
    }

    [Fact]
    public void Tied_scores_count_half_in_auroc_and_form_one_threshold()
    {
        // Positives score 0.5, 0.9, 0.5; negatives 0.5, 0.1. Over the 3×2 positive–negative pairs:
        // 0.9 beats both (2); each 0.5 positive ties the 0.5 negative (½ each = 1) and beats 0.1 (2) → 5/6.
        // Thresholds 0.9 (tp 1, fp 0), 0.5 (tp 3, fp 1), 0.1 (tp 3, fp 2): trapezoids 0 + ½·(⅓+1)/2 + ½·1 = 5/6.
        // AP = (⅓ − 0)·1 + (1 − ⅓)·¾ + 0·⅗ = ⅓ + ½ = 5/6.
        bool[] labels = [true, false, true, false, true];
        double[] scores = [0.5, 0.5, 0.9, 0.1, 0.5];
        Assert.Equal(5.0 / 6, RankingMetrics.Auroc(labels, scores)!.Value, 12);
        Assert.Equal(5.0 / 6, RankingMetrics.AveragePrecision(labels, scores)!.Value, 12);
        var roc = RankingMetrics.Roc(labels, scores)!;
        Assert.Equal([0, 0, 0.5, 1], roc.Fpr);
        Assert.Equal([0, 1.0 / 3, 1, 1], roc.Tpr);
        Assert.Equal([double.PositiveInfinity, 0.9, 0.5, 0.1], roc.Thresholds);
    }

    [Fact]
    public void Collinear_roc_points_are_dropped_only_when_asked()
    {
        // fps [0, 0, 0, 1], tps [1, 2, 3, 3]: at 0.8 both second differences are 0 (0−0+0, 3−4+1), so it is dropped.
        bool[] labels = [true, true, true, false];
        double[] scores = [0.9, 0.8, 0.7, 0.1];
        var dropped = RankingMetrics.Roc(labels, scores, dropIntermediate: true)!;
        var kept = RankingMetrics.Roc(labels, scores, dropIntermediate: false)!;
        Assert.Equal([double.PositiveInfinity, 0.9, 0.7, 0.1], dropped.Thresholds);
        Assert.Equal([0, 1.0 / 3, 1, 1], dropped.Tpr);
        Assert.Equal([double.PositiveInfinity, 0.9, 0.8, 0.7, 0.1], kept.Thresholds);
    }

    [Fact]
    public void Auroc_is_undefined_with_one_class()
    {
        Assert.Null(RankingMetrics.Auroc([true, true], [0.2, 0.9]));
        Assert.Null(RankingMetrics.Roc([false, false], [0.2, 0.9]));
        Assert.Null(RankingMetrics.AveragePrecision([false, false], [0.2, 0.9]));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    [InlineData(21)]
    public void Average_precision_of_all_positives_is_exactly_one(int n)
    {
        // n distinct scores, all positive: n steps of recall 1/n at precision 1. Summing 1/n n times gives
        // 1.0000000000000002 for n = 9, 11 and 1.0000000000000004 for n = 21.
        var labels = Enumerable.Repeat(true, n).ToArray();
        var scores = Enumerable.Range(1, n).Select(i => i / (double)(n + 1)).ToArray();

        Assert.Equal(1.0, RankingMetrics.AveragePrecision(labels, scores));
    }
}
