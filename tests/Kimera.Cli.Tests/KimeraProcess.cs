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
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kimera.dll"));
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
}
