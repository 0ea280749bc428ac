using System.Diagnostics;
using Kimera.Statistics;
using Kimera.Statistics.Curves;
using Kimera.Statistics.Intervals;

namespace Kimera.Bench;

/// <summary>
/// Bootstrap of accuracy, F1 and AUROC: 2,000 resamples over 1,000,000 pairs with the counting bootstrap
/// (median of 3 runs), against a naive sort-per-resample bootstrap on fewer resamples, extrapolated, in the same run.
/// </summary>
internal static class BootstrapBenchmark
{
    public static int Run(string[] args)
    {
        var pairs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var resamples = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        var naiveResamples = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 20;
        Console.WriteLine($"bootstrap: {pairs:N0} pairs, {resamples:N0} resamples, {Environment.ProcessorCount} cores");
        foreach (var kind in new[] { "continuous scores", "discrete scores (6 values)" })
        {
            var (labels, predictions, scores) = Data(pairs, discrete: kind.StartsWith("discrete", StringComparison.Ordinal));
            var times = new List<double>();
            var cpu = new List<double>();
            BootstrapIntervals? ci = null;
            for (var run = 0; run < 3; run++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                ci = BootstrapConfidence.Compute(labels, predictions, scores, resamples, 0.95, seed: 42);
                times.Add(watch.Elapsed.TotalSeconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
            }

            var naiveWatch = Stopwatch.StartNew();
            Naive(labels, predictions, scores, naiveResamples);
            var naive = naiveWatch.Elapsed.TotalSeconds * resamples / naiveResamples;
            var median = times.Order().ElementAt(1);
            Console.WriteLine($"  {kind}: counting bootstrap runs [{string.Join(", ", times.Select(t => t.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}] s, median {median:F2} s (process CPU per run [{string.Join(", ", cpu.Select(t => t.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}] s)");
            Console.WriteLine($"    naive sort-per-resample: {naiveResamples} resamples in {naiveWatch.Elapsed.TotalSeconds:F2} s → {naive:F1} s extrapolated to {resamples}; speed-up ×{naive / median:F1}");
            Console.WriteLine($"    CI accuracy [{ci!.Accuracy![0]:F4}, {ci.Accuracy[1]:F4}]  f1 [{ci.F1![0]:F4}, {ci.F1[1]:F4}]  auroc [{ci.Auroc![0]:F4}, {ci.Auroc[1]:F4}]");
        }

        return 0;
    }

    private static (bool[] Labels, bool[] Predictions, double[] Scores) Data(int n, bool discrete)
    {
        var random = new Random(7);
        var labels = new bool[n];
        var predictions = new bool[n];
        var scores = new double[n];
        double[] levels = [0.2, 0.25, 0.3, 0.6, 0.7, 0.75];
        for (var i = 0; i < n; i++)
        {
            labels[i] = random.NextDouble() < 0.4;
            if (discrete)
            {
                var shift = labels[i] ? 2 : 0;
                scores[i] = levels[Math.Min(5, random.Next(4) + shift)];
            }
            else
            {
                var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                scores[i] = 0.5 + (labels[i] ? 0.15 : -0.15) + (0.2 * gaussian);
            }

            predictions[i] = scores[i] >= 0.5;
        }

        return (labels, predictions, scores);
    }

    /// <summary>The textbook bootstrap: materialise each resample, sort it by score, compute the metrics.</summary>
    private static void Naive(bool[] labels, bool[] predictions, double[] scores, int resamples)
    {
        var n = labels.Length;
        Parallel.For(0, resamples, r =>
        {
            var random = new Random(1000 + r);
            var keys = new double[n];
            var resampledLabels = new bool[n];
            var resampledPredictions = new bool[n];
            for (var i = 0; i < n; i++)
            {
                var k = random.Next(n);
                keys[i] = scores[k];
                resampledLabels[i] = labels[k];
                resampledPredictions[i] = predictions[k];
            }

            _ = ConfusionMatrix.From(resampledLabels, resampledPredictions).F1;
            _ = RankingMetrics.Auroc(resampledLabels, keys);
        });
    }
}
