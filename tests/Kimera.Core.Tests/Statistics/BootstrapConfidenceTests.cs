using Kimera.Statistics;

namespace Kimera.Core.Tests.Statistics;

public sealed class BootstrapConfidenceTests
{
    [Fact]
    public void Counting_bootstrap_equals_the_textbook_bootstrap_on_the_same_draws()
    {
        // Reference: materialise each resample from the same per-resample generator, sort it, compute the metrics
        // with the plain (non-bootstrap) implementations, and take type-7 percentiles.
        var (labels, predictions, scores) = Sample(300, seed: 3, distinctScores: 7);
        const int resamples = 200;
        var accuracy = new double[resamples];
        var f1 = new double[resamples];
        var auroc = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var random = SeededRandom.ForStream(11, r);
            var l = new bool[labels.Length];
            var p = new bool[labels.Length];
            var s = new double[labels.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                var k = random.NextInt(labels.Length);
                (l[i], p[i], s[i]) = (labels[k], predictions[k], scores[k]);
            }

            var matrix = ConfusionMatrix.From(l, p);
            accuracy[r] = matrix.Accuracy!.Value;
            f1[r] = matrix.F1;
            auroc[r] = RankingMetrics.Auroc(l, s) ?? double.NaN;
        }

        var ci = BootstrapConfidence.Compute(labels, predictions, scores, resamples, 0.9, seed: 11);
        Assert.Equal(ConfidenceInterval.Percentile(accuracy, 0.9), ci.Accuracy);
        Assert.Equal(ConfidenceInterval.Percentile(f1, 0.9), ci.F1);
        var expectedAuroc = ConfidenceInterval.Percentile(auroc, 0.9)!;
        Assert.Equal(expectedAuroc[0], ci.Auroc![0], 12);
        Assert.Equal(expectedAuroc[1], ci.Auroc[1], 12);
    }

    [Fact]
    public void Same_seed_gives_identical_intervals_whatever_the_thread_count()
    {
        var (labels, predictions, scores) = Sample(2000, seed: 5, distinctScores: 0);
        var one = BootstrapConfidence.Compute(labels, predictions, scores, 300, 0.95, seed: 42, maxDegreeOfParallelism: 1);
        var two = BootstrapConfidence.Compute(labels, predictions, scores, 300, 0.95, seed: 42, maxDegreeOfParallelism: 2);
        var four = BootstrapConfidence.Compute(labels, predictions, scores, 300, 0.95, seed: 42, maxDegreeOfParallelism: 4);
        var otherSeed = BootstrapConfidence.Compute(labels, predictions, scores, 300, 0.95, seed: 43, maxDegreeOfParallelism: 2);
        Assert.Equal(one.Accuracy, two.Accuracy);
        Assert.Equal(one.F1, four.F1);
        Assert.Equal(one.Auroc, two.Auroc);
        Assert.Equal(one.Auroc, four.Auroc);
        Assert.NotEqual(one.Auroc, otherSeed.Auroc);
    }

    [Fact]
    public void Intervals_contain_the_point_estimate_and_narrow_with_more_pairs()
    {
        var (smallLabels, smallPredictions, smallScores) = Sample(200, seed: 9, distinctScores: 0);
        var (largeLabels, largePredictions, largeScores) = Sample(20000, seed: 9, distinctScores: 0);
        var small = BootstrapConfidence.Compute(smallLabels, smallPredictions, smallScores, 500, 0.95, seed: 1);
        var large = BootstrapConfidence.Compute(largeLabels, largePredictions, largeScores, 500, 0.95, seed: 1);

        var matrix = ConfusionMatrix.From(largeLabels, largePredictions);
        var auroc = RankingMetrics.Auroc(largeLabels, largeScores)!.Value;
        Assert.InRange(matrix.Accuracy!.Value, large.Accuracy![0], large.Accuracy[1]);
        Assert.InRange(matrix.F1, large.F1![0], large.F1[1]);
        Assert.InRange(auroc, large.Auroc![0], large.Auroc[1]);

        // Width shrinks roughly as 1/√n: 100× the pairs → about a tenth of the width; require at least a fifth.
        Assert.True(Width(large.Accuracy) < Width(small.Accuracy!) / 5);
        Assert.True(Width(large.Auroc) < Width(small.Auroc!) / 5);
    }

    [Fact]
    public void Rows_without_a_score_count_for_accuracy_but_not_for_auroc()
    {
        // Rows 0..3 are scored (AUROC 1: both positives above both negatives); rows 4, 5 have no score and
        // are wrong verdicts, so they pull accuracy below 1 in some resamples but never touch AUROC.
        bool[] labels = [true, true, false, false, true, false];
        bool[] predictions = [true, true, false, false, false, true];
        double[] scores = [0.9, 0.8, 0.2, 0.1, double.NaN, double.NaN];
        var ci = BootstrapConfidence.Compute(labels, predictions, scores, 400, 0.95, seed: 2);
        Assert.Equal([1.0, 1.0], ci.Auroc);
        Assert.True(ci.Accuracy![0] < 0.67);
    }

    private static double Width(IReadOnlyList<double> interval) => interval[1] - interval[0];

    private static (bool[] Labels, bool[] Predictions, double[] Scores) Sample(int n, int seed, int distinctScores)
    {
        var random = new Random(seed);
        var labels = new bool[n];
        var predictions = new bool[n];
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = random.NextDouble() < 0.4;
            var score = Math.Clamp((labels[i] ? 0.62 : 0.4) + ((random.NextDouble() - 0.5) * 0.6), 0, 1);
            scores[i] = distinctScores > 0 ? Math.Round(score * distinctScores) / distinctScores : score;
            predictions[i] = scores[i] >= 0.5;
        }

        return (labels, predictions, scores);
    }
}
