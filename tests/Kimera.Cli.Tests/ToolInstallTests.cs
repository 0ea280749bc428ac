using System.Diagnostics;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera</c> as a .NET tool (issue 14 item 1): packed from this build, installed from a local folder into a
/// temporary tool path with nothing but that folder as a package source (no network), then run as a user would.</summary>
[Trait("Category", "Slow")]
[Trait("Category", "Process")]
public sealed class ToolInstallTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void The_version_is_shortened_to_seven_characters_of_the_commit()
    {
        Assert.Equal("0.1.0+0123456", KimeraVersion.Short("0.1.0+0123456789abcdef0123456789abcdef01234567"));
        Assert.Equal("0.1.0", KimeraVersion.Short("0.1.0"));
    }

    [Fact]
    public async Task The_packed_tool_installs_from_a_local_folder_and_runs_the_sample()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var feed = Directory.CreateDirectory(_temp.File("feed")).FullName;
        var tools = _temp.File("tools");
        var config = _temp.File("nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        // Its own package folder: the install cannot be served by an older kimera 0.1.0 in the user's cache.
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = _temp.File("packages"), ["OPENAI_API_KEY"] = null, ["KIMERA_STORAGE"] = null };

        await DotnetAsync(environment, "pack", Path.Combine(RepoPaths.RepoRoot, "src", "Kimera.Cli"), "-c", configuration, "--no-build", "-o", feed);
        await DotnetAsync(environment, "tool", "install", "kimera", "--tool-path", tools, "--configfile", config);
        var kimera = Path.Combine(tools, OperatingSystem.IsWindows() ? "kimera.exe" : "kimera");

        var version = await RunAsync(environment, kimera, "--version");
        var run = await RunAsync(environment, kimera, "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache", "--judges", "kimera", "--bootstrap", "100");

        Assert.True(version.ExitCode == 0, version.Error);
        Assert.Matches(@"^kimera \d+\.\d+\.\d+\+[0-9a-f]{7}$", version.Out.TrimEnd());
        Assert.Equal(KimeraVersion.Text, version.Out.TrimEnd());
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(50, CsvRows.Read(_temp.File("run/pairs.csv")).Count);
        Assert.Contains("progress: 50/50 pairs, 1/1 chunks", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static async Task DotnetAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var (exit, output, error) = await RunAsync(environment, Dotnet, args);
        Assert.True(exit == 0, $"dotnet {string.Join(' ', args)} exited {exit}\n{output}\n{error}");
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string?> environment, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        // The tool's launcher finds the runtime through DOTNET_ROOT when dotnet is not in its default place.
        if (Path.GetDirectoryName(Path.GetFullPath(Dotnet)) is { } root && File.Exists(Dotnet))
        {
            start.Environment["DOTNET_ROOT"] = root;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
