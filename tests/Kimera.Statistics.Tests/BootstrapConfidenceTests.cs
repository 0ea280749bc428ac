using Kimera.Statistics.Curves;
using Kimera.Statistics.Intervals;

namespace Kimera.Statistics.Tests;

public sealed class BootstrapConfidenceTests
{
    [Fact]
    public void Weighted_pass_equals_the_metrics_of_the_materialised_resample()
    {
        // Reference: expand each resample's counts into rows and compute the metrics with the plain implementations
        // (which sort); the weighted single pass must give the same numbers.
        var (labels, predictions, scores) = Sample(300, seed: 3, distinctScores: 7);
        scores[5] = double.NaN; // one unscored row: counts for accuracy/F1 only
        var layout = BootstrapConfidence.Layout.Build(labels, predictions, scores);
        var counts = new byte[labels.Length];
        for (var r = 0; r < 20; r++)
        {
            BootstrapConfidence.Layout.Counts(SeededRandom.ForStream(11, r), counts);
            var rows = Enumerable.Range(0, counts.Length).SelectMany(p => Enumerable.Repeat(layout.RowAt[p], counts[p])).ToArray();
            Assert.Equal(labels.Length, rows.Length);
            var matrix = ConfusionMatrix.From([.. rows.Select(i => labels[i])], [.. rows.Select(i => predictions[i])]);
            var scored = rows.Where(i => !double.IsNaN(scores[i])).ToArray();
            var auroc = RankingMetrics.Auroc([.. scored.Select(i => labels[i])], [.. scored.Select(i => scores[i])])!.Value;

            var (accuracy, f1, weightedAuroc) = layout.Metrics(counts);
            Assert.Equal(matrix.Accuracy!.Value, accuracy, 12);
            Assert.Equal(matrix.F1, f1, 12);
            Assert.Equal(auroc, weightedAuroc, 12);
        }
    }

    [Fact]
    public void Resample_counts_follow_the_multinomial_of_n_draws_with_replacement()
    {
        // With n = 10 the Poisson total is often far from 10, so the exact-n correction is exercised heavily.
        // Each position's count must be Binomial(10, 0.1): P(0) = 0.9¹⁰ = 0.3487, P(1) = 0.9⁹ = 0.3874,
        // P(2) = 45·0.01·0.9⁸ = 0.1937. 20,000 resamples → sd ≤ 0.0035; tolerance 0.015 (> 4 sd).
        const int n = 10, resamples = 20_000;
        var counts = new byte[n];
        var histogram = new int[4];
        for (var r = 0; r < resamples; r++)
        {
            BootstrapConfidence.Layout.Counts(SeededRandom.ForStream(5, r), counts);
            Assert.Equal(n, counts.Sum(c => c));
            histogram[Math.Min(3, (int)counts[0])]++;
        }

        Assert.InRange(histogram[0] / (double)resamples, 0.3487 - 0.015, 0.3487 + 0.015);
        Assert.InRange(histogram[1] / (double)resamples, 0.3874 - 0.015, 0.3874 + 0.015);
        Assert.InRange(histogram[2] / (double)resamples, 0.1937 - 0.015, 0.1937 + 0.015);
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
