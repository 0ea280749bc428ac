using System.Globalization;
using System.Text.Json;
using Kimera.Datasets;
using Kimera.Judging;
using Kimera.Pipeline;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Stages;
using Kimera.Storage.FileSystem;
using Kimera.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Bench;

/// <summary>
/// Peak RSS and pairs/s of full <c>kimera run</c>s on 5,000 and 50,000 geoids built from mixed_contradictions.csv, and
/// peak RSS of the Plan stage alone on 1,000,000-row pairs and geoids files. Every run is a child process under
/// <c>/usr/bin/time -v</c>, so each peak RSS is that process's own.
/// </summary>
/// <remarks>The 50,000 geoids are five copies of the 9,996 rows plus 10 evenly spaced partner pairs; the 5,000 are 2,500
/// evenly spaced partner pairs, so both hold en, fr and ar in the same thirds. Copies carry "#vK" on ids and " (vK)" on texts (see <see cref="PipelineDatasets"/>).</remarks>
internal static class PipelineMemoryBenchmark
{
    private const long TargetKb = 1024 * 1024;

    public static int Run(string[] args)
    {
        var root = RepoPaths.RepoRoot;
        var work = StringArg(args, "--work", Path.Combine(Path.GetTempPath(), "kimera-pipebench"));
        var sizes = StringArg(args, "--sizes", "5000,50000").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var planRows = int.Parse(StringArg(args, "--plan-rows", "1000000"), CultureInfo.InvariantCulture);
        var skipRuns = args.Contains("--skip-runs");
        var skipPlan = args.Contains("--skip-plan");
        Directory.CreateDirectory(work);
        string kimera;
        try
        {
            kimera = KimeraCli.Dll;
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        var contradictions = RepoPaths.TestData("mixed_contradictions.csv");
        var lines = new List<string>();

        // The floor: the runtime, the CLI and ONNX Runtime loaded, on a 20-row dataset.
        if (!skipRuns)
        {
            var floor = PipelineDatasets.Geoids(contradictions, 20, work);
            var sample = RunKimera(kimera, floor, Path.Combine(work, "out_floor"), root);
            lines.Add(Row("run (floor)", 20, sample));

            var runs = new Dictionary<int, (ChildProcess.Measurement M, long Pairs, double ProcessSeconds)>();
            foreach (var size in sizes)
            {
                var file = PipelineDatasets.Geoids(contradictions, size, work);
                Console.WriteLine($"run: {size} geoids ({file}) ...");
                var result = RunKimera(kimera, file, Path.Combine(work, string.Create(CultureInfo.InvariantCulture, $"out_{size}")), root);
                runs[size] = result;
                lines.Add(Row("run", size, result));
                Console.WriteLine(lines[^1]);
            }

            if (runs.Count >= 2)
            {
                var small = runs[sizes.Min()].M.PeakRssKb;
                var large = runs[sizes.Max()].M.PeakRssKb;
                var ratio = large / (double)small;
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"peak RSS {sizes.Max()} / {sizes.Min()} = {ratio:F2} (target <= 1.30: {(ratio <= 1.3 ? "met" : "MISSED")}); {sizes.Max()} peak {large / 1024.0:F0} MB (target <= 1024 MB: {(large <= TargetKb ? "met" : "MISSED")})"));
            }
        }

        if (!skipPlan)
        {
            var bench = Path.Combine(AppContext.BaseDirectory, "Kimera.Bench.dll");
            foreach (var (shape, file) in new[]
            {
                ("pairs", PipelineDatasets.Pairs(RepoPaths.Samples("mixed_5k.csv"), planRows, work)),
                ("geoids", PipelineDatasets.Geoids(contradictions, planRows, work)),
            })
            {
                Console.WriteLine($"plan only: {planRows} {shape} rows ({file}) ...");
                var output = Path.Combine(work, $"out_plan_{shape}");
                var m = ChildProcess.Run("dotnet", [bench, "plan-only", file, output]);
                if (m.ExitCode != 0)
                {
                    throw new InvalidOperationException($"plan-only failed ({m.ExitCode}):\n{m.Output}");
                }

                var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, RunArtifacts.Plan))).RootElement;
                var pairs = plan.GetProperty("total_pairs").GetInt64();
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{"plan only (" + shape + ")",-20} {planRows,9} rows {pairs,9} pairs  peak RSS {m.PeakRssKb / 1024.0,7:F0} MB  wall {m.WallSeconds,7:F1} s  ({(m.PeakRssKb <= TargetKb ? "<= 1 GB: met" : "> 1 GB: MISSED")})"));
                Console.WriteLine(lines[^1]);
            }
        }

        Console.WriteLine();
        Console.WriteLine("pipeline-memory (absolute figures from a shared, loaded 2-core machine)");
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        return 0;
    }

    /// <summary>The Plan stage alone, in this process (the child of <see cref="Run"/>).</summary>
    public static async Task<int> PlanOnlyAsync(string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("usage: plan-only <dataset> <out dir>");
            return 2;
        }

        var spec = new RunSpec { Judges = [JudgeNames.Kimera] };
        var planned = await new RunPlanner(NullLogger<RunPlanner>.Instance).PlanAsync(
            DatasetSource.FromFile(args[1]), new FileSystemArtifactStore(args[2]), spec, "plan-only");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"planned {planned.Plan.TotalPairs} pairs in {planned.Plan.ChunkCount} chunks"));
        return 0;
    }

    private static (ChildProcess.Measurement M, long Pairs, double ProcessSeconds) RunKimera(string kimera, string file, string output, string root)
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var m = ChildProcess.Run("dotnet", [kimera, "run", file, "--judges", "kimera", "--no-cache", "--out", output, "--bootstrap", "200"], root);
        if (m.ExitCode != 0)
        {
            throw new InvalidOperationException($"kimera run failed ({m.ExitCode}):\n{m.Output}");
        }

        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, RunArtifacts.Report))).RootElement;
        var timings = report.GetProperty("timings");
        return (m, report.GetProperty("run").GetProperty("pairs").GetInt64(), timings.GetProperty("process_seconds").GetDouble());
    }

    private static string Row(string name, int geoids, (ChildProcess.Measurement M, long Pairs, double ProcessSeconds) r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{name,-20} {geoids,9} geoids {r.Pairs,9} pairs  peak RSS {r.M.PeakRssKb / 1024.0,7:F0} MB  wall {r.M.WallSeconds,7:F1} s  {r.Pairs / r.M.WallSeconds,7:F1} pairs/s (wall)  {r.Pairs / r.ProcessSeconds,7:F1} pairs/s (process stage)  cpu {r.M.UserSeconds + r.M.SystemSeconds,7:F1} s");

    private static string StringArg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
