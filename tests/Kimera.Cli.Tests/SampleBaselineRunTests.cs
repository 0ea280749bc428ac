using System.Text.RegularExpressions;
using Kimera.TestSupport;
using Xunit.Abstractions;

namespace Kimera.Cli.Tests;

/// <summary>Issue 24 on the shipped sample, through the real process: Kimera's accuracy equals the share of contradictions,
/// and the summary says it is no better than the baseline; the sweep of docs/many-judges.md gives differing variants, the
/// sweep of resonance_threshold (which shapes scars only) none, and says so.</summary>
[Trait("Category", "Process")]
public sealed partial class SampleBaselineRunTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact(Timeout = 300_000)]
    public async Task On_the_sample_kimera_is_said_to_be_no_better_than_always_answering_contradiction()
    {
        // The share of contradictions, counted from the file itself: the majority class's accuracy and F1.
        var labels = (await File.ReadAllLinesAsync(RepoPaths.Samples("sample_pairs.csv"))).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',')[^3].Trim()).ToList(); // pair_id,text1,text2,label,lang,type
        var contradictions = labels.Count(l => l.Equals("true", StringComparison.OrdinalIgnoreCase));
        Assert.Equal((50, 29), (labels.Count, contradictions));

        var (exit, stdout, error) = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null },
            "run", RepoPaths.Samples("sample_pairs.csv"), "--judges", "kimera", "--out", _temp.File("run"), "--no-cache");
        output.WriteLine($"exit {exit}\n{stdout}\n{error}");

        Assert.True(exit == 0, error);
        // 29/50 = 0.580; F1 of always "contradiction" 2·29/(2·29 + 21) = 58/79 = 0.734.
        Assert.Matches(
            @"kimera: accuracy 0\.580 \[[0-9.]+, [0-9.]+\] is no better than the majority class, always answering ""contradiction"" \(0\.580; McNemar exact p = [0-9.]+\); F1 [^;]+ against 0\.734 for always answering ""contradiction""; AUROC 0\.484 \[[0-9.]+, [0-9.]+\] is no better than chance \(0\.5\)",
            stdout);
    }

    [Fact(Timeout = 300_000)]
    public async Task The_documented_sweep_gives_differing_variants_and_a_resonance_threshold_sweep_says_it_changed_no_verdict()
    {
        var decides = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null },
            "run", RepoPaths.Samples("sample_pairs.csv"), "--judges", "kimera", "--sweep", "high_resonance_threshold=0.5:0.9:0.1", "--out", _temp.File("decides"), "--no-cache", "--bootstrap", "0");
        var scarsOnly = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null },
            "run", RepoPaths.Samples("sample_pairs.csv"), "--judges", "kimera", "--sweep", "resonance_threshold=0.6:0.9:0.1", "--out", _temp.File("scars"), "--no-cache", "--bootstrap", "0");
        output.WriteLine($"{decides.Out}\n{decides.Error}\n{scarsOnly.Out}\n{scarsOnly.Error}");

        Assert.True(decides.ExitCode == 0, decides.Error);
        Assert.True(scarsOnly.ExitCode == 0, scarsOnly.Error);
        Assert.DoesNotContain("changed no verdict", decides.Out, StringComparison.Ordinal);
        var accuracies = AccuracyLine().Matches(decides.Out).Select(m => m.Groups["accuracy"].Value).Distinct().ToList();
        Assert.True(accuracies.Count > 1, $"the variants' accuracies: {string.Join(", ", accuracies)}");
        Assert.Contains("resonance_threshold changed no verdict across its 4 values: every variant gave the same verdict on every pair", scarsOnly.Out, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^kimera_0\.6\s+1 \(tied\)", RegexOptions.Multiline), scarsOnly.Out);
    }

    [GeneratedRegex(@"^kimera_0\.\d: accuracy (?<accuracy>[0-9.]+) ", RegexOptions.Multiline)]
    private static partial Regex AccuracyLine();
}
