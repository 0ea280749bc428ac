using System.Text.Json;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera run</c> binds section <c>Kimera:Run</c> of its host configuration (environment variables
/// <c>Kimera__Run__…</c>) as the serverless app does: command-line option &gt; configuration &gt; <c>RunSpec</c>'s defaults.</summary>
[Trait("Category", "Process")]
public sealed class RunCommandConfigurationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_configured_seed_is_the_runs_seed_and_the_seed_option_beats_it()
    {
        var configured = await RunAsync("configured", new() { ["Kimera__Run__Seed"] = "7" });
        var given = await RunAsync("given", new() { ["Kimera__Run__Seed"] = "7" }, "--seed", "9");
        var neither = await RunAsync("neither", []);

        Assert.Equal((7, 7), await SeedsAsync(configured));
        Assert.Equal((9, 9), await SeedsAsync(given));
        Assert.Equal((42, 42), await SeedsAsync(neither));
    }

    [Fact]
    public async Task The_same_options_from_the_configuration_or_the_command_line_give_the_same_outputs()
    {
        var configured = await RunAsync("configured", new() { ["Kimera__Run__Seed"] = "7", ["Kimera__Run__ChunkSize"] = "20" });
        var given = await RunAsync("given", [], "--seed", "7", "--chunk-size", "20");

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(configured, "pairs.csv")), await File.ReadAllBytesAsync(Path.Combine(given, "pairs.csv")));
        using var a = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(configured, "report.json")));
        using var b = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(given, "report.json")));
        Assert.Equal(a.RootElement.GetProperty("run").GetRawText(), b.RootElement.GetProperty("run").GetRawText());
        Assert.Equal(3, a.RootElement.GetProperty("run").GetProperty("chunks").GetInt32());
        Assert.Equal(a.RootElement.GetProperty("statistics").GetRawText(), b.RootElement.GetProperty("statistics").GetRawText());
    }

    [Fact]
    public async Task A_bad_configured_value_exits_2_naming_the_key()
    {
        var (exit, _, error) = await KimeraProcess.RunAsync(
            Environment(new() { ["Kimera__Run__ChunkSize"] = "0" }),
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache", "--judges", "kimera");

        Assert.Equal(2, exit);
        Assert.Equal(["kimera run: Kimera:Run:ChunkSize must be between 1 and 1000000 (got 0)."], Lines(error));
        Assert.False(File.Exists(_temp.File("run/report.json")));
    }

    [Fact]
    public async Task A_configured_value_the_binder_cannot_read_exits_2_naming_the_key()
    {
        var (exit, _, error) = await KimeraProcess.RunAsync(
            Environment(new() { ["Kimera__Run__Seed"] = "seven" }),
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache", "--judges", "kimera");

        Assert.Equal(2, exit);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith("kimera run: ", line, StringComparison.Ordinal);
        Assert.Contains("Kimera:Run:Seed", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_sample_beside_a_given_max_pairs_exits_2_naming_both()
    {
        var (exit, _, error) = await KimeraProcess.RunAsync(
            Environment(new() { ["Kimera__Run__Sample"] = "10" }),
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache", "--judges", "kimera", "--max-pairs", "5");

        Assert.Equal(2, exit);
        Assert.Equal(["kimera run: Kimera:Run:Sample and --max-pairs both choose the pairs; give one of them."], Lines(error));
    }

    [Fact]
    public async Task Configured_judges_are_the_runs_judges_and_a_bad_one_exits_2_naming_the_key()
    {
        // No --judges: without the configured list the run would be kimera,llm, the llm judge skipped with a notice (no key).
        var configured = await KimeraProcess.RunAsync(
            Environment(new() { ["Kimera__Run__Judges__0"] = "kimera" }),
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("configured"), "--no-cache", "--bootstrap-resamples", "100");
        var (exit, _, error) = await KimeraProcess.RunAsync(
            Environment(new() { ["Kimera__Run__Judges__0"] = "oracle" }),
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("bad"), "--no-cache");

        Assert.True(configured.ExitCode == 0, configured.Error);
        Assert.DoesNotContain("LLM judge is skipped", configured.Error, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("configured/report.json")));
        Assert.Equal(["kimera"], report.RootElement.GetProperty("run").GetProperty("judges").EnumerateArray().Select(j => j.GetString()));
        Assert.Equal(2, exit);
        Assert.All(Lines(error), l => Assert.StartsWith("kimera run: ", l, StringComparison.Ordinal));
        Assert.Contains("Kimera:Run:Judges", error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Runs the sample with the Kimera judge only into a folder of its own and returns the folder.</summary>
    private async Task<string> RunAsync(string name, Dictionary<string, string?> variables, params string[] options)
    {
        var folder = _temp.File(name);
        var (exit, _, error) = await KimeraProcess.RunAsync(
            Environment(variables),
            ["run", RepoPaths.Samples("sample_pairs.csv"), "--out", folder, "--no-cache", "--judges", "kimera", "--bootstrap-resamples", "100", .. options]);
        Assert.True(exit == 0, error);
        return folder;
    }

    private static async Task<(int Run, int Statistics)> SeedsAsync(string folder)
    {
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "report.json")));
        var root = report.RootElement;
        return (root.GetProperty("run").GetProperty("seed").GetInt32(),
            root.GetProperty("statistics").GetProperty("settings").GetProperty("seed").GetInt32());
    }

    /// <summary>The variables to set, every other <c>Kimera__Run__…</c> of this process's environment removed.</summary>
    private static Dictionary<string, string?> Environment(Dictionary<string, string?> variables)
    {
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null, ["KIMERA_STORAGE"] = null };
        foreach (var key in System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("Kimera__Run__", StringComparison.OrdinalIgnoreCase)))
        {
            environment[key] = null;
        }

        foreach (var (key, value) in variables)
        {
            environment[key] = value;
        }

        return environment;
    }

    private static string[] Lines(string error) =>
        [.. error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))];
}
