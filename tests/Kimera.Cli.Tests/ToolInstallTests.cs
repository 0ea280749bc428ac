using System.Diagnostics;
using System.IO.Compression;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera</c> as a .NET tool (issue 14 item 1): packed from this build, installed from a local folder into a
/// temporary tool path with nothing but that folder as a package source (no network), then run as a user would. Issue 24
/// point 7: the package holds native libraries for desktops and servers only, has a readme, and the installed tool writes
/// the samples its help examples use.</summary>
[Trait("Category", "Slow")]
[Trait("Category", "Process")]
public sealed class ToolInstallTests : IDisposable
{
    /// <summary>
    /// The package's bound. It was 285 MB with every platform's native libraries; without them it is about 151 MB: the
    /// MiniLM model's assembly (83 MB compressed) and ONNX Runtime for five platforms (48 MB compressed) are most of it.
    /// Either mobile build of ONNX Runtime alone (Android 55 MB, iOS 58 MB compressed) would take it over this bound,
    /// while the managed code keeps about 45 MB of room to grow.
    /// </summary>
    public const long MaxPackageBytes = 200_000_000;

    /// <summary>The platforms whose native libraries the package carries (src/Kimera.Cli/NativeRuntimes.targets).</summary>
    private static readonly HashSet<string> DesktopAndServerRuntimes = ["linux-x64", "linux-arm64", "win-x64", "win-arm64", "osx-x64", "osx-arm64"];

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
        var package = Assert.Single(Directory.GetFiles(feed, "kimera.*.nupkg"));
        await DotnetAsync(environment, "tool", "install", "kimera", "--tool-path", tools, "--configfile", config);
        var kimera = Path.Combine(tools, OperatingSystem.IsWindows() ? "kimera.exe" : "kimera");

        var version = await RunAsync(environment, kimera, "--version");
        var samples = _temp.File("my-samples");
        var written = await RunAsync(environment, kimera, "samples", samples);
        var run = await RunAsync(environment, kimera, "run", Path.Combine(samples, "sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache", "--judges", "kimera", "--bootstrap", "100");

        var size = new FileInfo(package).Length;
        Assert.True(size < MaxPackageBytes, $"the package is {size:N0} bytes, over {MaxPackageBytes:N0}");
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToArray();
            var nativeRuntimes = entries.Where(e => e.Contains("/runtimes/", StringComparison.Ordinal) && e.Contains("/native/", StringComparison.Ordinal))
                .Select(e => e.Split("/runtimes/")[1].Split('/')[0]).ToHashSet();
            Assert.Contains("linux-x64", nativeRuntimes);
            Assert.Subset(DesktopAndServerRuntimes, nativeRuntimes);
            Assert.DoesNotContain(entries, e => e.Contains("/runtimes/android", StringComparison.Ordinal) || e.Contains("/runtimes/ios", StringComparison.Ordinal));
            var nuspec = await ReadEntryAsync(zip, Assert.Single(entries, e => e.EndsWith(".nuspec", StringComparison.Ordinal)));
            Assert.Contains("<readme>PackageReadme.md</readme>", nuspec, StringComparison.Ordinal);
            var readme = await ReadEntryAsync(zip, "PackageReadme.md");
            Assert.Contains("dotnet tool install --global kimera", readme, StringComparison.Ordinal);
            Assert.Contains("kimera samples", readme, StringComparison.Ordinal);
            Assert.Contains("kimera run samples/sample_pairs.csv", readme, StringComparison.Ordinal);
        }

        Assert.True(written.ExitCode == 0, written.Error);
        var shipped = Directory.GetFiles(RepoPaths.SamplesDirectory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(shipped, Directory.GetFiles(samples).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
        foreach (var name in shipped)
        {
            Assert.Equal(await File.ReadAllBytesAsync(RepoPaths.Samples(name)), await File.ReadAllBytesAsync(Path.Combine(samples, name)));
        }

        Assert.True(version.ExitCode == 0, version.Error);
        Assert.Matches(@"^kimera \d+\.\d+\.\d+\+[0-9a-f]{7}$", version.Out.TrimEnd());
        Assert.Equal(KimeraVersion.Text, version.Out.TrimEnd());
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(50, CsvRows.Read(_temp.File("run/pairs.csv")).Count);
        Assert.Contains("progress: 50/50 pairs, 1/1 chunks", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private static async Task<string> ReadEntryAsync(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)?.Open() ?? throw new InvalidOperationException($"The package has no {name}."));
        return await reader.ReadToEndAsync();
    }

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
