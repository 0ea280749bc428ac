using System.Globalization;
using Kimera.Cli.Commands;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera samples [DIR]</c> (issue 24, point 7), in-process: the files written are the repository's
/// <c>samples/</c> byte for byte, a different file already there is refused without <c>--force</c> (exit 2, nothing
/// written), and the command is registered under its name.</summary>
public sealed class SamplesCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    /// <summary>The reference: every file of the repository's samples/ folder.</summary>
    private static string[] RepositorySamples => Directory.GetFiles(RepoPaths.SamplesDirectory)
        .Select(f => Path.GetFileName(f))
        .Order(StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public async Task Writes_every_file_of_the_repository_samples_folder_byte_for_byte_and_names_the_next_command()
    {
        var dir = _temp.File("out/samples");
        var (exit, output, error) = await RunAsync(dir, force: false);

        Assert.True(exit == 0, error);
        Assert.Equal(string.Empty, error);
        // The repository's samples/ today: sample_pairs.csv, mixed_5k.csv, contradictions_2k.csv and sentences.txt.
        Assert.Superset(new HashSet<string> { "sample_pairs.csv", "mixed_5k.csv", "contradictions_2k.csv", "sentences.txt" }, RepositorySamples.ToHashSet());
        Assert.Equal(RepositorySamples, Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
        foreach (var name in RepositorySamples)
        {
            Assert.Equal(await File.ReadAllBytesAsync(RepoPaths.Samples(name)), await File.ReadAllBytesAsync(Path.Combine(dir, name)));
        }

        var lines = Lines(output);
        Assert.Equal(RepositorySamples.Length + 2, lines.Length);
        Assert.Equal("wrote     " + Path.Combine(dir, "sample_pairs.csv") + $" ({SizeOf("sample_pairs.csv")})", Assert.Single(lines, l => l.Contains("sample_pairs.csv", StringComparison.Ordinal) && !l.StartsWith("Next", StringComparison.Ordinal)));
        Assert.Equal(string.Empty, lines[^2]);
        Assert.Equal("Next: kimera run " + Path.Combine(dir, "sample_pairs.csv"), lines[^1]);
    }

    [Fact]
    public async Task Writing_again_leaves_identical_files_as_they_are()
    {
        var dir = _temp.File("samples");
        Assert.Equal(0, (await RunAsync(dir, force: false)).ExitCode);

        var (exit, output, _) = await RunAsync(dir, force: false);

        Assert.Equal(0, exit);
        Assert.Equal(RepositorySamples.Length, Lines(output).Count(l => l.StartsWith("unchanged ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_different_file_is_refused_with_exit_2_and_nothing_written_unless_forced()
    {
        var dir = Directory.CreateDirectory(_temp.File("samples")).FullName;
        var mine = Path.Combine(dir, "sample_pairs.csv");
        await File.WriteAllTextAsync(mine, "pair_id,text1,text2,label\n1,my own,data,True\n");

        var (exit, output, error) = await RunAsync(dir, force: false);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            [
                $"kimera samples: '{mine}' exists and differs from the shipped sample.",
                "kimera samples: nothing written; use --force to overwrite, or give another folder.",
            ],
            Lines(error));
        Assert.Equal("pair_id,text1,text2,label\n1,my own,data,True\n", await File.ReadAllTextAsync(mine));
        Assert.Equal(["sample_pairs.csv"], Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).ToArray());

        var (forcedExit, forcedOutput, forcedError) = await RunAsync(dir, force: true);

        Assert.True(forcedExit == 0, forcedError);
        Assert.Contains($"overwrote {mine} ({SizeOf("sample_pairs.csv")})", Lines(forcedOutput));
        Assert.Equal(await File.ReadAllBytesAsync(RepoPaths.Samples("sample_pairs.csv")), await File.ReadAllBytesAsync(mine));
        Assert.Equal(RepositorySamples.Length, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public async Task The_command_is_registered_and_a_file_given_as_the_folder_is_a_usage_error()
    {
        var dir = _temp.File("registered");
        var file = _temp.File("a-file.csv");
        await File.WriteAllTextAsync(file, "x\n");

        Assert.Equal(ExitCodes.Success, await KimeraApp.RunAsync(["samples", dir]));
        Assert.Equal(ExitCodes.BadInput, await KimeraApp.RunAsync(["samples", file]));
        Assert.Equal(ExitCodes.BadInput, await KimeraApp.RunAsync(["samples", dir, "--forse"]));

        Assert.Equal(RepositorySamples.Length, Directory.GetFiles(dir).Length);
        Assert.Equal("x\n", await File.ReadAllTextAsync(file));
    }

    public void Dispose() => _temp.Dispose();

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(string dir, bool force)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new SamplesCommand(output, error).WriteAsync(dir, force, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text)
    {
        var trimmed = text.ReplaceLineEndings("\n").TrimEnd('\n');
        return trimmed.Length == 0 ? [] : trimmed.Split('\n');
    }

    /// <summary>The size of the repository's sample file as the output shows it, e.g. "5,041 bytes".</summary>
    private static string SizeOf(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{new FileInfo(RepoPaths.Samples(name)).Length:N0} bytes");
}
