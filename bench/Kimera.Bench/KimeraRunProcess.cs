using System.Diagnostics;
using System.Text.Json;
using Kimera.TestSupport;

namespace Kimera.Bench;

/// <summary>Runs the built <c>kimera</c> command in its own process for the run benchmarks and reads back its rates.</summary>
internal static class KimeraRunProcess
{
    /// <summary>Runs <c>kimera run</c> with <paramref name="arguments"/> into <paramref name="output"/>: pairs/s of the
    /// processing stage (report.json's timings: embedding and judging) and of the whole process, its wall seconds, and the
    /// run's own seconds (report.json's <c>total_seconds</c>: plan, process and aggregate, without process start and model load).</summary>
    public static (double Stage, double Wall, double Seconds, double RunSeconds) Run(IReadOnlyList<string> arguments, string output, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { KimeraCli.Dll, "run" }.Concat(arguments).Concat(["--out", output]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("OPENAI_API_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var wall = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kimera run {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{stdout.Result}{stderr.Result}");
        }

        using var report = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(output, "report.json")));
        var timings = report.RootElement.GetProperty("timings");
        var processed = timings.GetProperty("pairs_processed").GetDouble();
        return (processed / timings.GetProperty("process_seconds").GetDouble(), processed / wall, wall, timings.GetProperty("total_seconds").GetDouble());
    }
}
