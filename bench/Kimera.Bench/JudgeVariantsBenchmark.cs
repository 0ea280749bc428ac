using System.Globalization;
using Kimera.TestSupport;

namespace Kimera.Bench;

/// <summary>
/// Issue 15's variants target: a cold <c>kimera run</c> (no cache, no bootstrap) on the first N pairs of mixed_5k.csv
/// with the Kimera judge alone and with 8 Kimera variants (a judge file: the plain judge and 7 other high-resonance
/// thresholds), alternated run by run so both see the same load. The variants share the run's embeddings, so the 8-judge
/// run should cost little more: target at most 1.2× the wall time of the 1-judge run (median of per-repetition ratios).
/// </summary>
internal static class JudgeVariantsBenchmark
{
    public static int Run(string[] args)
    {
        var pairs = BenchSupport.IntArg(args, "--pairs", 5000);
        var repetitions = BenchSupport.IntArg(args, "--reps", 2);
        var dataset = RepoPaths.Samples("mixed_5k.csv");
        var work = Path.Combine(Path.GetTempPath(), "kimera-variants-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var judgeFile = Path.Combine(work, "eight.json");
            var variants = new[] { "{ \"name\": \"kimera\", \"kind\": \"kimera\" }" }.Concat(
                new[] { 0.65, 0.7, 0.75, 0.85, 0.9, 0.95, 0.99 }.Select(t => string.Create(CultureInfo.InvariantCulture,
                    $"{{ \"name\": \"h{t * 100:0}\", \"kind\": \"kimera\", \"options\": {{ \"HighResonanceThreshold\": {t} }} }}")));
            File.WriteAllText(judgeFile, $"{{ \"judges\": [ {string.Join(", ", variants)} ] }}");
            string[] common = [dataset, "--max-pairs", pairs.ToString(CultureInfo.InvariantCulture), "--no-cache", "--bootstrap", "0"];
            var runs = new Dictionary<string, string[]>
            {
                ["1 judge"] = [.. common, "--judges", "kimera"],
                ["8 variants"] = [.. common, "--judges-file", judgeFile],
            };

            Console.WriteLine($"{pairs} pairs of mixed_5k.csv, cold (no cache), {repetitions} repetitions, {Environment.ProcessorCount} cores; load average {BenchSupport.LoadAverage()}");
            var seconds = new Dictionary<string, List<double>> { ["1 judge"] = [], ["8 variants"] = [] };
            var runSeconds = new Dictionary<string, List<double>> { ["1 judge"] = [], ["8 variants"] = [] };
            var ratios = new List<double>();
            var runRatios = new List<double>();
            for (var r = 0; r < repetitions; r++)
            {
                string[] order = r % 2 == 0 ? ["1 judge", "8 variants"] : ["8 variants", "1 judge"];
                foreach (var name in order)
                {
                    var run = KimeraRunProcess.Run(runs[name], Path.Combine(work, $"{name.Replace(' ', '-')}-{r}"));
                    seconds[name].Add(run.Seconds);
                    runSeconds[name].Add(run.RunSeconds);
                }

                ratios.Add(seconds["8 variants"][^1] / seconds["1 judge"][^1]);
                runRatios.Add(runSeconds["8 variants"][^1] / runSeconds["1 judge"][^1]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  rep {r + 1}: whole process 1 judge {seconds["1 judge"][^1]:F1} s, 8 variants {seconds["8 variants"][^1]:F1} s, ratio {ratios[^1]:F3}; " +
                    $"run (report.json total) {runSeconds["1 judge"][^1]:F1} s, {runSeconds["8 variants"][^1]:F1} s, ratio {runRatios[^1]:F3}; load average {BenchSupport.LoadAverage()}"));
            }

            var ratio = Math.Max(Stats.Median(ratios), Stats.Median(runRatios));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"medians: whole process 1 judge {Stats.Median(seconds["1 judge"]):F1} s, 8 variants {Stats.Median(seconds["8 variants"]):F1} s, ratio {Stats.Median(ratios):F3}; " +
                $"run 1 judge {Stats.Median(runSeconds["1 judge"]):F1} s, 8 variants {Stats.Median(runSeconds["8 variants"]):F1} s, ratio {Stats.Median(runRatios):F3} " +
                $"(ratios are medians of per-repetition ratios; target <= 1.2 on both: {(ratio <= 1.2 ? "met" : "missed")})"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
