using System.Text.Json;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera compare</c> on hand-made runs (<see cref="HandMadeResults"/>: 0.8/0.2 scores, contradictions at even
/// pairs), run as a separate process for its exit codes and messages.</summary>
[Trait("Category", "Process")]
public sealed class CompareCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_run_significantly_worse_on_accuracy_fails_the_gate_with_exit_1_and_says_why()
    {
        // A wrong on pairs 0, 1 of 40 (accuracy 38/40 = 0.95); B wrong on 0..13 (26/40 = 0.65). McNemar b = 12 (2..13:
        // A right, B wrong), c = 0: exact p = 2·(½)¹² = 2/4096, mid-p = 1/4096. Jointly drawn, B − A = −K/40 with
        // K ~ Bin(40, 12/40) the draws of those 12 pairs, never above 0: the interval's upper end is below 0.
        var a = RunFolder("a", HandMadeResults.Csv(40, ("kimera", [0, 1])));
        var b = File("b.csv", HandMadeResults.Csv(40, ("kimera", HandMadeResults.FirstWrong(14))));

        var (exit, output, error) = await KimeraProcess.RunAsync("compare", a, b, "--fail-on-regression");

        Assert.True(exit == 1, $"exit {exit}: {output}{error}");
        var last = output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("kimera compare: regression: B is worse than A on accuracy (alpha 0.05, margin 0): kimera: 0.950 → 0.650, Δ -0.300", last, StringComparison.Ordinal);
        Assert.Contains("Holm p 0.000488 < 0.05", last, StringComparison.Ordinal);

        var (jsonExit, json, jsonError) = await KimeraProcess.RunAsync("compare", a, b, "--json", "--fail-on-regression", "--bootstrap-resamples", "200");
        Assert.Equal(1, jsonExit);
        Assert.StartsWith("kimera compare: regression: B is worse than A on accuracy", jsonError, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var judge = document.RootElement.GetProperty("comparison").GetProperty("judges")[0];
        Assert.Equal(0.95, judge.GetProperty("accuracy").GetProperty("a").GetDouble(), 12);
        Assert.Equal(0.65, judge.GetProperty("accuracy").GetProperty("b").GetDouble(), 12);
        Assert.Equal((12, 0), (judge.GetProperty("mcnemar").GetProperty("b").GetInt32(), judge.GetProperty("mcnemar").GetProperty("c").GetInt32()));
        Assert.Equal(2.0 / 4096, judge.GetProperty("mcnemar").GetProperty("exact_p_value").GetDouble(), 15);
        Assert.Equal(1.0 / 4096, judge.GetProperty("mcnemar").GetProperty("mid_p_value").GetDouble(), 15);
        Assert.Equal((12, 0, 12), (judge.GetProperty("changed").GetProperty("count").GetInt32(), judge.GetProperty("changed").GetProperty("fixed").GetInt32(), judge.GetProperty("changed").GetProperty("broken").GetInt32()));
        Assert.True(document.RootElement.GetProperty("comparison").GetProperty("regression").GetProperty("regressed").GetBoolean());
    }

    [Fact]
    public async Task A_run_worse_by_one_pair_passes_the_gate_with_exit_0_and_writes_the_html_page()
    {
        // A wrong on 0, 1; B wrong on 0, 1, 2: b = 1, c = 0, exact p = min(1, 2·½) = 1: not shown worse.
        var a = File("a.csv", HandMadeResults.Csv(20, ("kimera", [0, 1])));
        var b = File("b.csv", HandMadeResults.Csv(20, ("kimera", [0, 1, 2])));
        var html = _temp.File("out/compare.html");

        var (exit, output, error) = await KimeraProcess.RunAsync("compare", a, b, "--fail-on-regression", "--html", html);

        Assert.True(exit == 0, $"exit {exit}: {output}{error}");
        Assert.StartsWith("kimera compare: no regression on accuracy (alpha 0.05, margin 0): kimera: 0.900 → 0.850, Δ -0.050", output.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        Assert.Contains("Holm p 1 ≥ 0.05", output, StringComparison.Ordinal);
        // The changed pair with both reasons.
        Assert.Contains("p02 (contradiction): contradiction 0.800 → no contradiction 0.200", output, StringComparison.Ordinal);
        var page = await System.IO.File.ReadAllTextAsync(html);
        Assert.Contains("No regression", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"text\" dir=\"auto\">The door is open (2)</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_id_whose_text_differs_between_the_runs_is_refused_with_the_file_pair_and_text()
    {
        var a = File("a.csv", HandMadeResults.Csv(10, ("kimera", [])));
        var b = File("b.csv", HandMadeResults.Csv(10, ("kimera", [])).Replace("The door is open (3)", "The door is ajar (3)", StringComparison.Ordinal));

        var (exit, output, error) = await KimeraProcess.RunAsync("compare", a, b);

        Assert.True(exit == 2, $"exit {exit}: {output}{error}");
        var lines = error.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(
            [
                "kimera compare: refused: 1 pair id(s) have different texts (or labels) in the two runs, so they are not the same pairs; compare runs of the same dataset (pairs are matched by pair_id):",
                $"kimera compare: pair 'p03': text1 differs: 'The door is open (3)' in {a} (line 5), 'The door is ajar (3)' in {b} (line 5)",
            ],
            lines);
    }

    [Fact]
    public async Task Pairs_in_only_one_run_are_counted_and_listed_and_judges_pair_by_name()
    {
        // B has three more pairs (p20, p21, p22) and names its judge kimera_t07. Both right on all 20 shared pairs.
        var a = File("a.csv", HandMadeResults.Csv(20, ("kimera", [])));
        var b = File("b.csv", HandMadeResults.Csv(23, ("kimera_t07", [])));

        var (exit, output, error) = await KimeraProcess.RunAsync("compare", a, b, "--json", "--judge", "a:kimera", "--judge", "b:kimera_t07", "--bootstrap-resamples", "100");

        Assert.True(exit == 0, $"exit {exit}: {output}{error}");
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal(20, root.GetProperty("comparison").GetProperty("pairs").GetInt32());
        Assert.Equal(0, root.GetProperty("only_in_a").GetProperty("count").GetInt32());
        Assert.Equal(3, root.GetProperty("only_in_b").GetProperty("count").GetInt32());
        Assert.Equal(["p20", "p21", "p22"], root.GetProperty("only_in_b").GetProperty("pair_ids").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var judge = root.GetProperty("comparison").GetProperty("judges")[0];
        Assert.Equal(("kimera", "kimera_t07"), (judge.GetProperty("a").GetString(), judge.GetProperty("b").GetString()));
        Assert.Equal(0.0, judge.GetProperty("accuracy").GetProperty("difference").GetDouble(), 12);

        // Without --judge the runs share no judge name: bad input, naming both runs' judges.
        var (noShared, _, sharedError) = await KimeraProcess.RunAsync("compare", a, b);
        Assert.Equal(2, noShared);
        Assert.Contains("the runs share no judge", sharedError, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private string File(string name, string csv)
    {
        var path = _temp.File(name);
        System.IO.File.WriteAllText(path, csv);
        return path;
    }

    private string RunFolder(string name, string csv)
    {
        var folder = _temp.File(name);
        Directory.CreateDirectory(folder);
        System.IO.File.WriteAllText(Path.Combine(folder, "pairs.csv"), csv);
        return folder;
    }
}
