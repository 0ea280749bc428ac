using System.Globalization;
using System.Text.Json;
using Kimera.TestSupport;

namespace Kimera.Bench;

/// <summary>
/// Cold <c>kimera run</c> throughput with <c>--precision int8</c> against <c>fp32</c>: the first N pairs of mixed_5k.csv,
/// Kimera judge only, no cache, no bootstrap, each precision in its own process, alternated run by run (fp32 first in odd
/// repetitions, int8 first in even ones) so that both see the same load. Pairs/s are those of the processing stage
/// (report.json's timings: embedding and judging, not process start or model load) and of the whole process.
/// </summary>
internal static class Int8RunBenchmark
{
    public static int Run(string[] args)
    {
        var pairs = BenchSupport.IntArg(args, "--pairs", 2000);
        var repetitions = BenchSupport.IntArg(args, "--reps", 3);
        _ = KimeraCli.Dll; // fails at once, naming the file, when the command is not built

        var dataset = RepoPaths.Samples("mixed_5k.csv");
        var work = Path.Combine(Path.GetTempPath(), "kimera-int8-run-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            // An untimed int8 run on a few pairs derives the int8 model into the work folder, so no timed run pays for it.
            RunKimera(dataset, work, "int8", 10, Path.Combine(work, "warm-up"));
            var kernel = Int8KernelOf(Path.Combine(work, "warm-up"));
            var rates = new Dictionary<string, List<(double Stage, double Wall)>> { ["fp32"] = [], ["int8"] = [] };
            var ratios = new List<double>();
            Console.WriteLine($"{pairs} pairs of mixed_5k.csv, {repetitions} repetitions, {Environment.ProcessorCount} cores; load average {BenchSupport.LoadAverage()}");
            for (var r = 0; r < repetitions; r++)
            {
                string[] order = r % 2 == 0 ? ["fp32", "int8"] : ["int8", "fp32"];
                foreach (var precision in order)
                {
                    rates[precision].Add(RunKimera(dataset, work, precision, pairs, Path.Combine(work, $"{precision}-{r}")));
                }

                ratios.Add(rates["int8"][^1].Stage / rates["fp32"][^1].Stage);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  rep {r + 1}: fp32 {rates["fp32"][^1].Stage:F1} pairs/s ({rates["fp32"][^1].Wall:F1} whole process), int8 [{kernel}] {rates["int8"][^1].Stage:F1} ({rates["int8"][^1].Wall:F1}), speed-up {ratios[^1]:F2}x; load average {BenchSupport.LoadAverage()}"));
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"pairs/s median (processing stage): fp32 {Stats.Median([.. rates["fp32"].Select(x => x.Stage)]):F1}, int8 [{kernel}] {Stats.Median([.. rates["int8"].Select(x => x.Stage)]):F1}; " +
                $"whole process: fp32 {Stats.Median([.. rates["fp32"].Select(x => x.Wall)]):F1}, int8 {Stats.Median([.. rates["int8"].Select(x => x.Wall)]):F1}; " +
                $"speed-up (median of per-repetition ratios) {Stats.Median(ratios):F2}x"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The int8 kernel a run's report.json names (<c>run.embedding_int8_kernel</c>): its weights and the CPU's units.</summary>
    private static string Int8KernelOf(string output)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "report.json")));
        return report.RootElement.GetProperty("run").GetProperty("embedding_int8_kernel").GetString() ?? "?";
    }

    private static (double Stage, double Wall) RunKimera(string dataset, string work, string precision, int pairs, string output)
    {
        // The derived int8 model goes to (and is found in) the work folder, not the user's cache.
        var (stage, wall, _, _) = KimeraRunProcess.Run(
            [dataset, "--precision", precision, "--max-pairs", pairs.ToString(CultureInfo.InvariantCulture), "--judges", "kimera", "--no-cache", "--bootstrap", "0"],
            output,
            new Dictionary<string, string> { ["XDG_CACHE_HOME"] = work });
        return (stage, wall);
    }
}
