using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

[Trait("Category", "Process")]
public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Analyze_json_gives_the_hand_counted_confusion_metrics_and_comparison_of_a_small_table()
    {
        // Row by row:            kimera       llm
        // 1: label 1, k T 0.9  → TP,  l T 0.8 → TP
        // 2: label 1, k T 0.8  → TP,  l F 0.4 → FN   (only kimera right → McNemar b)
        // 3: label 1, k F 0.3  → FN,  l T 0.7 → TP   (only llm right → c)
        // 4: label 1, k T 0.7  → TP,  l T 0.9 → TP
        // 5: label 0, k F 0.2  → TN,  l F 0.1 → TN
        // 6: label 0, k T 0.6  → FP,  l F 0.3 → TN   (c)
        // 7: label 0, k F 0.1  → TN,  l F 0.2 → TN
        // 8: label 0, k F 0.4  → TN,  l T 0.6 → FP   (b)
        // kimera: TP 3, FP 1, TN 3, FN 1 → accuracy 6/8 = 0.75, precision 3/4, recall 3/4, F1 0.75.
        // AUROC kimera: positives {0.9, 0.8, 0.3, 0.7} beat negatives {0.2, 0.6, 0.1, 0.4} in 4 + 4 + 2 + 4 = 14 of 16 pairs → 0.875.
        // AUROC llm: positives {0.8, 0.4, 0.7, 0.9} beat negatives {0.1, 0.3, 0.2, 0.6} in 4 + 3 + 4 + 4 = 15 of 16 → 0.9375.
        // Agreement: rows 1, 4, 5, 7 → 4/8 = 0.5; both call half the pairs positive, so chance agreement is 0.5 and κ = 0.
        // McNemar b = 2, c = 2: exact two-sided binomial p = 1.
        var table = _temp.File("results.csv");
        await File.WriteAllTextAsync(table, """
            pair_id,label,kimera_pred,kimera_score,llm_pred,llm_score,notes
            1,1,true,0.9,true,0.8,ignored
            2,1,true,0.8,false,0.4,ignored
            3,true,false,0.3,true,0.7,
            4,1,true,0.7,true,0.9,
            5,0,false,0.2,false,0.1,
            6,0,true,0.6,false,0.3,
            7,false,false,0.1,false,0.2,
            8,0,false,0.4,true,0.6,

            """.Replace("\r", string.Empty, StringComparison.Ordinal));

        var (exit, output, error) = await KimeraProcess.RunAsync("analyze", table, "--json", "--bootstrap", "0", "--folds", "2");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(8, root.GetProperty("pairs").GetInt32());
        Assert.Equal(8, root.GetProperty("labelled").GetInt32());
        var kimera = root.GetProperty("judges").GetProperty("kimera");
        Assert.Equal(0.75, kimera.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(0.75, kimera.GetProperty("precision").GetDouble(), 12);
        Assert.Equal(0.75, kimera.GetProperty("recall").GetDouble(), 12);
        Assert.Equal(0.75, kimera.GetProperty("f1").GetDouble(), 12);
        Assert.Equal(0.875, kimera.GetProperty("auroc").GetDouble(), 12);
        var confusion = kimera.GetProperty("confusion");
        Assert.Equal((3, 1, 3, 1), (confusion.GetProperty("tp").GetInt32(), confusion.GetProperty("fp").GetInt32(), confusion.GetProperty("tn").GetInt32(), confusion.GetProperty("fn").GetInt32()));
        Assert.Equal(JsonValueKind.Null, kimera.GetProperty("ci").ValueKind);
        Assert.Equal(0.9375, root.GetProperty("judges").GetProperty("llm").GetProperty("auroc").GetDouble(), 12);

        var comparison = root.GetProperty("comparisons")[0];
        Assert.Equal(0.5, comparison.GetProperty("agreement").GetDouble(), 12);
        Assert.Equal(0.0, comparison.GetProperty("cohen_kappa").GetDouble(), 12);
        Assert.Equal(2, comparison.GetProperty("mcnemar").GetProperty("b").GetInt32());
        Assert.Equal(2, comparison.GetProperty("mcnemar").GetProperty("c").GetInt32());
        Assert.Equal(1.0, comparison.GetProperty("mcnemar").GetProperty("exact_p_value").GetDouble(), 12);
    }

    [Fact]
    public async Task The_readme_example_of_your_own_llm_answers_gives_the_figures_the_readme_states()
    {
        // The table of README "Your own LLM's answers", taken from the README itself so the example stays true.
        // gpt:    1 TP, 2 TP, 3 TN, 4 FP, 5 FN, 6 TN → right on 4 of 6; claude: 1 TP, 2 FN, 3 TN, 4 TN, 5 TP, 6 TN → 5 of 6.
        // AUROC gpt: positives {0.92, 0.75, 0.45} beat negatives {0.10, 0.60, 0.05} in 3 + 3 + 2 = 8 of 9;
        // claude: positives {0.80, 0.40, 0.70} beat {0.20, 0.35, 0.10} in all 9.
        // McNemar: only gpt right on pair 2 (b = 1), only claude right on 4 and 5 (c = 2): exact p = min(1, 2 × (1 + 3) / 8) = 1.
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoPaths.RepoRoot, "README.md"));
        var block = Regex.Match(readme, "cat > answers.csv <<'EOF'\n(?<table>.*?)\nEOF\nkimera analyze answers.csv (?<options>[^#\n]*)", RegexOptions.Singleline);
        Assert.True(block.Success, "README.md has the answers.csv example");
        var table = _temp.File("answers.csv");
        await File.WriteAllTextAsync(table, block.Groups["table"].Value + "\n");
        Assert.Equal("--out answers-report", block.Groups["options"].Value.Trim());

        var (exit, output, error) = await KimeraProcess.RunAsync("analyze", table, "--out", _temp.File("answers-report"));

        Assert.True(exit == 0, error);
        Assert.Contains("gpt vs claude: agreement 50.0% of 6 pairs", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("answers-report/statistics.json")));
        var judges = json.RootElement.GetProperty("judges");
        Assert.Equal(4.0 / 6, judges.GetProperty("gpt").GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(5.0 / 6, judges.GetProperty("claude").GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(8.0 / 9, judges.GetProperty("gpt").GetProperty("auroc").GetDouble(), 12);
        Assert.Equal(1.0, judges.GetProperty("claude").GetProperty("auroc").GetDouble(), 12);
        var mcnemar = json.RootElement.GetProperty("comparisons")[0].GetProperty("mcnemar");
        Assert.Equal((1, 2), (mcnemar.GetProperty("b").GetInt32(), mcnemar.GetProperty("c").GetInt32()));
        Assert.Equal(1.0, mcnemar.GetProperty("exact_p_value").GetDouble(), 12);
        Assert.True(File.Exists(_temp.File("answers-report/report.html")));
    }

    [Fact]
    public async Task Analyze_of_a_table_with_a_slice_column_adds_the_error_analysis_by_slice()
    {
        // kimera right on rows 1, 2, 4, 5; wrong on 3 and 6; row 7 unlabelled (in no group).
        // fiction: rows 1, 2, 3 → 2 of 3; telephone: rows 4, 6 → 1 of 2; empty slice: row 5 → unknown, 1 of 1.
        var table = _temp.File("pairs.csv");
        await File.WriteAllTextAsync(table, """
            pair_id,type,slice,label,kimera_pred,kimera_score
            1,contradiction,fiction,true,true,0.9
            2,neutral,fiction,false,false,0.2
            3,neutral,fiction,false,true,0.7
            4,contradiction,telephone,true,true,0.8
            5,entailment,,false,false,0.1
            6,contradiction,telephone,true,false,0.3
            7,,travel,,true,0.9

            """.Replace("\r", string.Empty, StringComparison.Ordinal));

        var (exit, output, error) = await KimeraProcess.RunAsync("analyze", table, "--json", "--bootstrap", "0", "--folds", "2");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var analysis = json.RootElement.GetProperty("error_analysis");
        Assert.Equal("slice", analysis.GetProperty("slice_name").GetString());
        Assert.Equal(
            [("fiction", 3L, 2L), ("telephone", 2L, 1L), ("unknown", 1L, 1L)],
            analysis.GetProperty("judges").GetProperty("kimera").GetProperty("slice").EnumerateArray()
                .Select(g => (g.GetProperty("group").GetString(), g.GetProperty("pairs").GetInt64(), g.GetProperty("correct").GetInt64())));
    }

    [Fact]
    public async Task Analyze_json_of_three_judges_gains_the_many_judges_section()
    {
        // The table above plus a judge "yes" that calls every pair a contradiction. Right (1) or wrong (0) per row:
        //   kimera 1 1 0 1 1 0 1 1 (6), llm 1 0 1 1 1 1 1 0 (6), yes 1 1 1 1 0 0 0 0 (4): N = 16;
        //   row totals 3 2 2 3 2 1 2 1, ΣRᵢ² = 36. Cochran's Q = 2 (3·88 − 256) / (48 − 36) = 4/3, p = e^(−2/3).
        var table = _temp.File("three.csv");
        await File.WriteAllTextAsync(table, """
            pair_id,label,kimera_pred,kimera_score,llm_pred,llm_score,yes_pred,yes_score
            1,1,true,0.9,true,0.8,true,1
            2,1,true,0.8,false,0.4,true,1
            3,1,false,0.3,true,0.7,true,1
            4,1,true,0.7,true,0.9,true,1
            5,0,false,0.2,false,0.1,true,1
            6,0,true,0.6,false,0.3,true,1
            7,0,false,0.1,false,0.2,true,1
            8,0,false,0.4,true,0.6,true,1

            """.Replace("\r", string.Empty, StringComparison.Ordinal));

        var (exit, output, error) = await KimeraProcess.RunAsync("analyze", table, "--json", "--bootstrap", "0", "--folds", "2");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var many = json.RootElement.GetProperty("many_judges");
        Assert.Equal(4.0 / 3, many.GetProperty("cochran_q").GetProperty("statistic").GetDouble(), 12);
        Assert.Equal(Math.Exp(-2.0 / 3), many.GetProperty("cochran_q").GetProperty("p_value").GetDouble(), 12);
        Assert.Equal(3, many.GetProperty("pairwise").GetArrayLength());
        Assert.Equal(["kimera", "llm", "yes"], many.GetProperty("by_accuracy").EnumerateArray().Select(r => r.GetProperty("judge").GetString()));
        Assert.Equal(3, json.RootElement.GetProperty("comparisons").GetArrayLength());
    }

    [Fact]
    public async Task Analyze_of_three_judges_and_one_judges_repeats_ranks_the_three_and_measures_the_noise_of_the_repeats()
    {
        // a wrong on pairs 0–1 (accuracy 0.9), b on 0–4 (0.75), c on 0–9 (0.5) of 20; c asked three times: c@1 as c,
        // c@2 also wrong on 10 and 11 (0.4), c@3 right on 0 (0.55). Flips on pairs 0, 10, 11: 3 of 20, Wilson 95%
        // [0.0524, 0.3604]; noise floor 0.55 − 0.40; Fleiss: P̄ = 0.9, Pₑ = (31² + 29²)/60², κ = 1438/1798 = 0.800.
        // Exact McNemar against a, Holm-adjusted over 3 pairs: b 3 discordant pairs one way → 0.25; c 8 → 3 · 2/256.
        var table = _temp.File("repeats.csv");
        int[] c = HandMadeResults.FirstWrong(10);
        await File.WriteAllTextAsync(table, HandMadeResults.Csv(
            20, ("c", c), ("c@1", c), ("c@2", [.. c, 10, 11]), ("c@3", [.. c.Skip(1)]), ("a", HandMadeResults.FirstWrong(2)), ("b", HandMadeResults.FirstWrong(5))));

        var (exit, output, error) = await KimeraProcess.RunAsync("analyze", table, "--json", "--bootstrap", "0", "--folds", "2");
        var summary = await KimeraProcess.RunAsync("analyze", table, "--bootstrap", "0", "--folds", "2");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(["c", "a", "b"], root.GetProperty("judges").EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, root.GetProperty("comparisons").GetArrayLength());
        var many = root.GetProperty("many_judges");
        Assert.Equal([("a", 0.9), ("b", 0.75), ("c", 0.5)], many.GetProperty("by_accuracy").EnumerateArray().Select(r => (r.GetProperty("judge").GetString(), Math.Round(r.GetProperty("value").GetDouble(), 12))));
        Assert.Equal(["a", "b"], many.GetProperty("as_good_as_best").EnumerateArray().Select(j => j.GetString()));
        var noise = Assert.Single(root.GetProperty("noise").EnumerateObject());
        Assert.Equal("c", noise.Name);
        Assert.Equal(3, noise.Value.GetProperty("repeats").GetInt32());
        Assert.Equal(0.15, noise.Value.GetProperty("flip_rate").GetDouble(), 12);
        Assert.Equal(0.0524, noise.Value.GetProperty("flip_rate_ci")[0].GetDouble(), 4);
        Assert.Equal(0.3604, noise.Value.GetProperty("flip_rate_ci")[1].GetDouble(), 4);
        Assert.Equal(1438.0 / 1798, noise.Value.GetProperty("agreement").GetProperty("kappa").GetDouble(), 12);
        Assert.Equal(0.15, noise.Value.GetProperty("noise_floor").GetDouble(), 12);
        Assert.False(root.TryGetProperty("sweep", out _));

        Assert.Equal(0, summary.ExitCode);
        Assert.Contains("judges c, a, b; repeats: c ×3", summary.Out, StringComparison.Ordinal);
        Assert.Contains("as good as the best", summary.Out, StringComparison.Ordinal);
        // The ranking table (plain output: columns separated by spaces): judge, rank, accuracy, AUROC, as good as the best.
        Assert.Matches(new Regex(@"^a\s+1\s+0\.900\s+0\.900\s+best$", RegexOptions.Multiline), summary.Out);
        Assert.Matches(new Regex(@"^b\s+2\s+0\.750\s+0\.750\s+yes$", RegexOptions.Multiline), summary.Out);
        Assert.Matches(new Regex(@"^c\s+3\s+0\.500\s+0\.500\s+no$", RegexOptions.Multiline), summary.Out);
        Assert.Contains("c asked 3 times: verdicts flipped on 3 of 20 pairs (15.0% [5.2%, 36.0%]), Fleiss kappa 0.800, noise floor 0.150", summary.Out, StringComparison.Ordinal);
        Assert.Contains("a and b are as good as the best one; c is less accurate.", summary.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_of_two_judges_with_repeats_keeps_the_two_judge_json_and_adds_only_noise()
    {
        var plain = _temp.File("plain.csv");
        var repeated = _temp.File("repeated.csv");
        int[] llm = HandMadeResults.FirstWrong(10);
        await File.WriteAllTextAsync(plain, HandMadeResults.Csv(20, ("kimera", HandMadeResults.FirstWrong(2)), ("llm", llm)));
        await File.WriteAllTextAsync(repeated, HandMadeResults.Csv(
            20, ("kimera", HandMadeResults.FirstWrong(2)), ("llm", llm), ("llm@1", llm), ("llm@2", [.. llm, 10, 11]), ("llm@3", [.. llm.Skip(1)])));

        var before = await KimeraProcess.RunAsync("analyze", plain, "--json", "--bootstrap", "0", "--folds", "2");
        var after = await KimeraProcess.RunAsync("analyze", repeated, "--json", "--bootstrap", "0", "--folds", "2");

        Assert.True(after.ExitCode == 0, after.Error);
        var withoutNoise = JsonNode.Parse(after.Out)!.AsObject();
        Assert.True(withoutNoise.Remove("noise"));
        Assert.Equal(JsonNode.Parse(before.Out)!.ToJsonString(), withoutNoise.ToJsonString());
        Assert.DoesNotContain("many_judges", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_summary_and_out_folder_say_there_is_no_significant_difference_on_the_same_table()
    {
        var table = _temp.File("results.csv");
        await File.WriteAllTextAsync(table, "label,kimera_pred,kimera_score,llm_pred,llm_score\n1,true,0.9,false,0.4\n0,false,0.2,true,0.6\n1,true,0.8,true,0.7\n0,false,0.1,false,0.3\n");

        var (exit, output, error) = await KimeraProcess.RunAsync("analyze", table, "--bootstrap", "50", "--out", _temp.File("out"));

        // Row 1: kimera right (TP), llm wrong (FN); row 2: kimera right (TN), llm wrong (FP); rows 3–4 both right.
        // b = 2, c = 0: exact two-sided binomial p = 2 × 0.5² = 0.5, not significant.
        Assert.True(exit == 0, error);
        Assert.Contains("No significant difference in accuracy between Kimera and the LLM.", output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(_temp.File("out/report.html"));
        Assert.Contains("McNemar exact p = 0.500", html, StringComparison.Ordinal);
        using var statistics = JsonDocument.Parse(await File.ReadAllTextAsync(_temp.File("out/statistics.json")));
        Assert.Equal(0.5, statistics.RootElement.GetProperty("comparisons")[0].GetProperty("mcnemar").GetProperty("exact_p_value").GetDouble(), 12);
    }

    [Fact]
    public async Task Analyze_of_an_unlabelled_table_reports_agreement_only_and_says_so()
    {
        // a: T F F T, b: T F T T → agree on 3 of 4 = 0.75. Positive rates 0.5 and 0.75 → chance agreement
        // 0.5 × 0.75 + 0.5 × 0.25 = 0.5, κ = (0.75 − 0.5) / (1 − 0.5) = 0.5.
        var table = _temp.File("unlabelled.csv");
        await File.WriteAllTextAsync(table, "label,a_pred,a_score,b_pred,b_score\n,true,0.9,true,0.8\n,false,0.2,false,0.1\n,false,0.3,true,0.7\n,true,0.6,true,0.9\n");

        var json = await KimeraProcess.RunAsync("analyze", table, "--json", "--bootstrap", "0");
        var summary = await KimeraProcess.RunAsync("analyze", table, "--bootstrap", "0");

        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        var root = document.RootElement;
        Assert.Equal(0, root.GetProperty("labelled").GetInt32());
        Assert.Equal("no labels: only agreement between judges can be measured", root.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("judges").GetProperty("a").GetProperty("accuracy").ValueKind);
        Assert.Equal(0.75, root.GetProperty("comparisons")[0].GetProperty("agreement").GetDouble(), 12);
        Assert.Equal(0.5, root.GetProperty("comparisons")[0].GetProperty("cohen_kappa").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("comparisons")[0].GetProperty("mcnemar").ValueKind);
        Assert.Equal(0, summary.ExitCode);
        Assert.Contains("no labels: only agreement between judges can be measured", summary.Out, StringComparison.Ordinal);
        Assert.Contains("Cannot answer: the pairs have no labels.", summary.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_of_a_missing_file_exits_2_with_the_file_named()
    {
        var missing = _temp.File("nope.csv");

        var (exit, output, error) = await KimeraProcess.RunAsync("analyze", missing);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"file '{missing}' does not exist", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("label,kimera_pred,kimera_score\n1,true,0.9\n0,maybe,0.2\n", "line 3: column 'kimera_pred': 'maybe' is not a boolean")]
    [InlineData("label,kimera_pred,kimera_score\n1,true,0.9\n0,false,high\n", "line 3: column 'kimera_score': 'high' is not a number")]
    [InlineData("label,kimera_pred,kimera_score\n1,true,0.9\nyes,false,0.2\n", "line 3: column 'label': 'yes' is not a boolean")]
    [InlineData("label,kimera_pred,kimera_score\n1,true,NaN\n", "line 2: column 'kimera_score': 'NaN' is not a finite number")]
    [InlineData("label,kimera_pred,kimera_score\n1,true,0.9\n0,false\n", "line 3: 2 fields; the header has 3")]
    [InlineData("label,kimera_pred,kimera_score\n1,true,0.9\n0,\"fal\"se,0.2\n", "(line 3)")]
    [InlineData("kimera_pred,kimera_score\ntrue,0.9\n", "line 1: no 'label' column")]
    [InlineData("label,kimera_pred\n1,true\n", "line 1: judge 'kimera' has a 'kimera_pred' column but no 'kimera_score' column")]
    [InlineData("label,text\n1,a\n", "line 1: no judge columns")]
    public async Task Analyze_of_a_bad_table_exits_2_naming_file_line_and_column(string content, string expected)
    {
        var table = _temp.File("bad.csv");
        await File.WriteAllTextAsync(table, content);

        var (exit, output, error) = await KimeraProcess.RunAsync("analyze", table, "--bootstrap", "0");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(table, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_with_fewer_than_two_folds_exits_2()
    {
        var (exit, _, error) = await KimeraProcess.RunAsync("analyze", "results.csv", "--folds", "1");

        Assert.Equal(2, exit);
        Assert.Contains("--folds must be between 2 and 100 (got 1)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_and_run_bound_the_statistics_options_alike()
    {
        // One RunSpec validation for both commands: the same options over the same bounds give the same problems.
        string[] tooMany = ["--bootstrap", "1000001", "--folds", "101"];
        var analyze = await KimeraProcess.RunAsync(["analyze", "results.csv", .. tooMany]);
        var run = await KimeraProcess.RunAsync(["run", "pairs.csv", .. tooMany]);

        string[] problems =
        [
            "--bootstrap must be between 0 and 1000000 (got 1000001).",
            "--folds must be between 2 and 100 (got 101).",
        ];
        Assert.Equal(2, analyze.ExitCode);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Join('\n', problems.Select(p => "kimera analyze: " + p)), analyze.Error.TrimEnd().ReplaceLineEndings("\n"));
        Assert.Equal(string.Join('\n', problems.Select(p => "kimera run: " + p)), run.Error.TrimEnd().ReplaceLineEndings("\n"));
    }

    public void Dispose() => _temp.Dispose();
}
