using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Kimera.Bench;

/// <summary>Runs a command as a child process under GNU time (<c>/usr/bin/time -v</c>), so its peak RSS is its own.</summary>
internal static partial class ChildProcess
{
    public sealed record Measurement(int ExitCode, long PeakRssKb, double WallSeconds, double UserSeconds, double SystemSeconds, string Output);

    public static Measurement Run(string file, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        if (!File.Exists("/usr/bin/time"))
        {
            throw new InvalidOperationException("/usr/bin/time is missing: install the Debian package 'time' (apt-get install time).");
        }

        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add("-v");
        start.ArgumentList.Add(file);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var err = stderr.Result;
        var output = stdout.Result + err;
        return new Measurement(
            process.ExitCode,
            long.Parse(Field(err, "Maximum resident set size (kbytes)"), CultureInfo.InvariantCulture),
            ParseClock(Field(err, "Elapsed (wall clock) time (h:mm:ss or m:ss)")),
            double.Parse(Field(err, "User time (seconds)"), CultureInfo.InvariantCulture),
            double.Parse(Field(err, "System time (seconds)"), CultureInfo.InvariantCulture),
            output);
    }

    private static string Field(string text, string name)
    {
        var match = Regex.Match(text, "^\\s*" + Regex.Escape(name) + ":\\s*(\\S+)\\s*$", RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"'{name}' not found in the output of time -v:\n{text}");
    }

    private static double ParseClock(string value)
    {
        var parts = value.Split(':');
        double seconds = 0;
        foreach (var p in parts)
        {
            seconds = (seconds * 60) + double.Parse(p, CultureInfo.InvariantCulture);
        }

        return seconds;
    }
}
