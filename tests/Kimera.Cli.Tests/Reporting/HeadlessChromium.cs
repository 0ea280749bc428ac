using System.Diagnostics;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Reporting;

/// <summary>Runs the Debian <c>chromium</c> headless on a local file, isolated (fresh profile, no network services).</summary>
internal static class HeadlessChromium
{
    private static readonly string[] Isolation =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
    ];

    /// <summary>The browser, or a failed test that says how to install it: the report test never skips.</summary>
    public static string Executable()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser" };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c))
            ?? throw new Xunit.Sdk.XunitException(
                "Chromium is not installed: the HTML report test needs a real headless browser. Install the Debian package " +
                "with 'apt-get update && apt-get install -y chromium' (.ci/run does this), or set CHROMIUM_PATH.");
    }

    /// <summary>Runs Chromium on <paramref name="file"/> with the given extra arguments; returns stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string file, params string[] arguments)
    {
        using var profile = new TempDirectory();
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Isolation.Concat([$"--user-data-dir={profile.Path}"]).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(new Uri(Path.GetFullPath(file)).AbsoluteUri);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Chromium.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Chromium did not finish on {file} within 90 s.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Lines Chromium logs for the page's console (<c>--enable-logging=stderr</c> prints them as CONSOLE).</summary>
    public static IReadOnlyList<string> ConsoleLines(string stderr) =>
        [.. stderr.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal))];
}
