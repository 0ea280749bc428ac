using System.Diagnostics;

namespace Kimera.Cli.Tests;

/// <summary>Runs the built <c>kimera</c> command as a separate process, as a user would, and captures its output.</summary>
internal static class KimeraProcess
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        // `dotnet test` tells child processes which host it runs on; fall back to the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(KimeraDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dotnet}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// kimera.dll in the CLI project's own output (same configuration and framework as the tests), as a user runs it.
    /// The copy in the test folder cannot always run: the test support's ASP.NET framework reference makes the build
    /// drop assemblies (e.g. Microsoft.Extensions.Logging.Abstractions) that kimera's runtimeconfig does not provide.
    /// </summary>
    private static string KimeraDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var own = Path.Combine(Kimera.TestSupport.RepoPaths.RepoRoot, "src", "Kimera.Cli", "bin", configuration, framework, "kimera.dll");
        return File.Exists(own) ? own : Path.Combine(AppContext.BaseDirectory, "kimera.dll");
    }
}
