using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Kimera.Cli.Commands;
using Kimera.Pipeline;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;
using Spectre.Console.Cli;

namespace Kimera.Cli.Tests;

/// <summary>Help and messages (issue 14 item 6): each default shown once in <c>--help</c> (the run options' in their text,
/// taken from <see cref="RunSpec"/>, the others' in the DEFAULT column), <c>--storage</c> naming both
/// caches, every error line starting with <c>kimera &lt;command&gt;:</c>, the budget refusal printed once.</summary>
[Trait("Category", "Process")]
public sealed partial class HelpAndMessagesTests : IDisposable
{
    private static readonly Dictionary<string, string?> Wide = new() { ["COLUMNS"] = "1000", ["OPENAI_API_KEY"] = null, ["KIMERA_STORAGE"] = null };
    private readonly TempDirectory _temp = new();

    public static TheoryData<string, Type> Commands => new()
    {
        { "run", typeof(RunSettings) },
        { "embed", typeof(EmbedSettings) },
        { "analyze", typeof(AnalyzeSettings) },
        { "validate", typeof(ValidateCommand.Settings) },
        { "samples", typeof(SamplesCommand.Settings) },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_shows_each_default_once(string command, Type settings)
    {
        var (exit, help, error) = await KimeraProcess.RunAsync(Wide, command, "--help");

        Assert.True(exit == 0, error);
        // Hidden aliases (former spellings, RunOptions.Table) are not in the help.
        var options = settings.GetProperties().Where(p => p.GetCustomAttribute<CommandOptionAttribute>() is { IsHidden: false }).ToArray();
        Assert.NotEmpty(options);
        foreach (var option in options)
        {
            var name = "--" + option.GetCustomAttribute<CommandOptionAttribute>()!.LongNames[0];
            var line = Assert.Single(help.Split('\n'), l => Regex.IsMatch(l, $@"^\s+(-\w, )?{Regex.Escape(name)}( |$)"));
            var mentions = DefaultWord().Count(line);
            // The options of RunOptions.Table in run and analyze (validate's --seed and --max-text-length are its own).
            var runOption = command is "run" or "analyze" ? RunOptions.Table.SingleOrDefault(r => !r.IsAlias && r.Option == name) : null;
            if (runOption is not null)
            {
                // A run option left out must leave Kimera:Run to the configuration: no Spectre default for it.
                Assert.Null(option.GetCustomAttribute<DefaultValueAttribute>());
            }

            if (option.GetCustomAttribute<DefaultValueAttribute>()?.Value is { } value)
            {
                // In the DEFAULT column, and not again in the description.
                var shown = Convert.ToString(value, CultureInfo.InvariantCulture)!;
                Assert.True(mentions == 0, $"{command} {name}: the default is in the DEFAULT column and again in the text: {line.Trim()}");
                Assert.Single(Regex.Matches(line, $@"(?<![\w.]){Regex.Escape(shown)}(?![\w.])"));
            }
            else if (runOption is not null && typeof(RunSpec).GetProperty(runOption.Property)!.GetValue(new RunSpec()) is int declared
                && runOption.Property != nameof(RunSpec.Parallelism))
            {
                // RunSpec's declared default, at the end of the description ("Default: 500"), once.
                var shown = declared.ToString(CultureInfo.InvariantCulture);
                Assert.Equal(declared, option.GetCustomAttribute<DescriptionWithDefaultAttribute>()?.DefaultValue);
                Assert.True(mentions == 1, $"{command} {name}: 'default' {mentions} times: {line.Trim()}");
                Assert.Matches($@"\bDefault: {Regex.Escape(shown)}\.?\s*$", line);
                Assert.Single(Regex.Matches(line, $@"(?<![\w.]){Regex.Escape(shown)}(?![\w.])"));
            }
            else
            {
                Assert.True(mentions <= 1, $"{command} {name}: 'default' {mentions} times: {line.Trim()}");
            }
        }
    }

    [Fact]
    public async Task The_top_level_help_lists_the_version_option_and_the_samples_command()
    {
        var (exit, help, error) = await KimeraProcess.RunAsync(Wide, "--help");
        var (versionExit, version, _) = await KimeraProcess.RunAsync(Wide, "-v");

        Assert.True(exit == 0, error);
        var lines = help.Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.Single(lines, l => Regex.IsMatch(l, @"^\s+-v, --version\s+Prints version information$"));
        Assert.Single(lines, l => Regex.IsMatch(l, @"^\s+samples\s+Write the sample datasets shipped with kimera"));
        Assert.Equal(0, versionExit);
        Assert.Equal(KimeraVersion.Text, version.TrimEnd());
    }

    /// <summary>An installed tool has no samples/ folder: every list of examples starts with <c>kimera samples</c>, and a
    /// path under samples/ that an example names is a file of the repository's samples/ (which <c>kimera samples</c>
    /// writes, SamplesCommandTests).</summary>
    [Theory]
    [InlineData("")]
    [InlineData("samples")]
    [InlineData("run")]
    [InlineData("embed")]
    [InlineData("validate")]
    [InlineData("analyze")]
    public async Task Every_help_example_starts_with_kimera_samples_and_names_only_files_it_writes(string command)
    {
        var (exit, help, error) = await KimeraProcess.RunAsync(Wide, command.Length == 0 ? ["--help"] : [command, "--help"]);

        Assert.True(exit == 0, error);
        var examples = help.Split('\n').Select(l => l.Trim()).SkipWhile(l => l != "EXAMPLES:").Skip(1).TakeWhile(l => l.Length > 0).ToArray();
        Assert.True(examples.Length >= 2, help);
        Assert.Equal("kimera samples", examples[0]);
        var named = examples.SelectMany(e => SamplePath().Matches(e)).Select(m => m.Groups[1].Value).ToArray();
        if (command is "" or "run")
        {
            Assert.Contains("sample_pairs.csv", named);
        }

        Assert.All(named, name => Assert.True(File.Exists(Path.Combine(RepoPaths.SamplesDirectory, name)), $"samples/{name} is not in the repository's samples/"));
    }

    [Fact]
    public async Task Storage_help_names_both_caches()
    {
        var (_, help, _) = await KimeraProcess.RunAsync(Wide, "run", "--help");

        var line = help.Split('\n').Single(l => l.Contains("--storage <", StringComparison.Ordinal));
        Assert.Contains("embeddings (table 'embeddings')", line, StringComparison.Ordinal);
        Assert.Contains("LLM answers (table 'judgements')", line, StringComparison.Ordinal);
        Assert.Contains("both caches", help.Split('\n').Single(l => l.Contains("--cache <", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "unknown option", "--max-pair", "5")]
    [InlineData("run", "two bad values", "--chunk-size", "0", "--folds", "1")]
    [InlineData("run", "missing dataset")]
    [InlineData("run", "not a dataset")]
    [InlineData("embed", "missing input")]
    [InlineData("embed", "bad batch size", "--batch-size", "0")]
    [InlineData("analyze", "missing table")]
    [InlineData("analyze", "not a number", "--bootstrap", "x")]
    [InlineData("validate", "missing dataset")]
    [InlineData("validate", "not a dataset")]
    public async Task Every_line_of_every_error_starts_with_the_command(string command, string kind, params string[] options)
    {
        var missing = _temp.File("missing.csv");
        var notADataset = _temp.File("columns.csv");
        await File.WriteAllTextAsync(notADataset, "a,b\n1,2\n");
        var input = kind switch
        {
            "not a dataset" => notADataset,
            "missing dataset" or "missing table" or "missing input" => missing,
            _ => RepoPaths.Samples("sample_pairs.csv"),
        };
        string[] args = command switch
        {
            "run" => ["run", input, "--out", _temp.File("run"), "--no-cache", "--judges", "kimera", .. options],
            "embed" => ["embed", "--input", input, "--output", _temp.File("out.jsonl"), .. options],
            _ => [command, input, .. options],
        };

        var (exit, _, error) = await KimeraProcess.RunAsync(Wide, args);

        Assert.Equal(2, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.StartsWith($"kimera {command}: ", l, StringComparison.Ordinal));
        if (kind == "two bad values")
        {
            Assert.Equal(["kimera run: --chunk-size must be between 1 and 1000000 (got 0).", "kimera run: --folds must be between 2 and 100 (got 1)."], lines);
        }
    }

    [Fact]
    public async Task The_budget_refusal_is_printed_once()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions());
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test-help", ["KIMERA_STORAGE"] = null };

        var (exit, _, error) = await KimeraProcess.RunAsync(
            environment,
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache",
            "--llm-endpoint", server.BaseUrl.ToString(), "--budget-usd", "0.000001");

        Assert.Equal(2, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        var refusal = Assert.Single(lines, l => l.Contains("estimate", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("kimera run: refused: the LLM cost estimate is over --budget-usd: ", refusal, StringComparison.Ordinal);
        Assert.All(lines, l => Assert.StartsWith("kimera run: ", l, StringComparison.Ordinal));
        Assert.Empty(server.Requests);
    }

    public void Dispose() => _temp.Dispose();

    [GeneratedRegex(@"\bdefault\b", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultWord();

    [GeneratedRegex(@"(?<![\w/])samples/([^\s/]+)")]
    private static partial Regex SamplePath();
}
