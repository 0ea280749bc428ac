using System.Text.Json.Nodes;
using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;
using Xunit.Abstractions;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera run --judges-file</c> through the real process: Kimera variants and two LLM judges on two endpoints,
/// each with its own key variable, one asked three times; and a bad judge file refused before anything runs.</summary>
[Trait("Category", "Process")]
public sealed class JudgeFileRunTests(ITestOutputHelper output) : IDisposable
{
    private const string KeyA = "sk-test-A-NEVER-PRINT-1111";
    private const string KeyB = "sk-test-B-NEVER-PRINT-2222";
    private readonly TempDirectory _temp = new();

    [Fact(Timeout = 300_000)]
    public async Task A_judge_file_runs_variants_and_two_llm_judges_with_repeats_into_one_results_table()
    {
        // mini's server flips its 2nd answer for the same statements: of each pair's three repeats exactly one disagrees.
        await using var miniServer = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ExpectedApiKey = KeyA, FlipEvenAsks = true });
        await using var localServer = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ExpectedApiKey = KeyB, KnownModels = ["llama3.1"] });
        var judges = _temp.File("judges.json");
        await File.WriteAllTextAsync(judges, $$"""
            { "judges": [
              { "name": "kimera", "kind": "kimera" },
              { "name": "k50", "kind": "kimera", "options": { "ResonanceThreshold": 0.5 } },
              { "name": "mini", "kind": "llm", "endpoint": "{{miniServer.BaseUrl}}", "apiKeyVariable": "KIMERA_TEST_KEY_A", "repeats": 3 },
              { "name": "local", "kind": "llm", "endpoint": "{{localServer.BaseUrl}}", "model": "llama3.1", "apiKeyVariable": "KIMERA_TEST_KEY_B" } ] }
            """);

        var (exit, stdout, error) = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null, ["KIMERA_TEST_KEY_A"] = KeyA, ["KIMERA_TEST_KEY_B"] = KeyB },
            "run", RepoPaths.Samples("sample_pairs.csv"), "--max-pairs", "30", "--judges-file", judges, "--out", _temp.File("run"), "--no-cache", "--bootstrap", "0");
        output.WriteLine($"exit {exit}\n{stdout}\n{error}");

        Assert.True(exit == 0, error);
        Assert.DoesNotContain(KeyA, stdout + error, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyB, stdout + error, StringComparison.Ordinal);
        // One preflight each, then mini asks every pair three times and local once (the 30 pairs are distinct).
        Assert.Equal((91, 31), (miniServer.Requests.Count, localServer.Requests.Count));
        Assert.All(miniServer.Requests.Concat(localServer.Requests), r => Assert.True(r.AuthorizationMatched));

        var header = File.ReadLines(_temp.File("run/pairs.csv")).First();
        Assert.StartsWith("pair_id,text1,text2,lang,type,label,resonance,kimera_pred,", header, StringComparison.Ordinal);
        string[] prefixes = ["kimera", "k50", "mini", "mini@1", "mini@2", "mini@3", "local"];
        Assert.Equal(prefixes, header.Split(',').Where(c => c.EndsWith("_pred", StringComparison.Ordinal)).Select(c => c[..^5]));
        var rows = CsvRows.Read(_temp.File("run/pairs.csv"));
        Assert.Equal(30, rows.Count);
        foreach (var row in rows)
        {
            var truth = FakeModel.IsContradiction(row["text1"], row["text2"]) ? "true" : "false";
            // The majority is the fake model's verdict; one repeat of three said the opposite.
            Assert.Equal(truth, row["mini_pred"]);
            Assert.Equal(2, new[] { "mini@1", "mini@2", "mini@3" }.Count(r => row[$"{r}_pred"] == truth));
            Assert.Equal(truth, row["local_pred"]);
        }

        var report = JsonNode.Parse(await File.ReadAllTextAsync(_temp.File("run/report.json")))!;
        Assert.Equal(prefixes, report["run"]!["judges"]!.AsArray().Select(j => j!.GetValue<string>()));
        Assert.Equal(90, report["judges"]!["mini"]!["requests"]!.GetValue<long>());
        Assert.Equal(30, report["judges"]!["local"]!["requests"]!.GetValue<long>());
        // mini's noise: every pair had one repeat of three flipped, so all 30 pairs flipped.
        var noise = report["statistics"]!["noise"]!["mini"]!;
        Assert.Equal(3, noise["repeats"]!.GetValue<int>());
        Assert.Equal(30, noise["pairs"]!.GetValue<long>());
        Assert.Equal(1.0, noise["flip_rate"]!.GetValue<double>());
        // Fleiss' kappa (Fleiss 1971) of 30 pairs each rated 2–1 by three raters: P_i = (2·1 + 1·0) / (3·2) = 1/3 for
        // every pair, so P̄ = 1/3. With t pairs whose majority is a contradiction, the contradiction ratings are 2t + (30 − t),
        // so p = (t + 30) / 90, P̄e = p² + (1 − p)², κ = (P̄ − P̄e) / (1 − P̄e).
        var t = rows.Count(r => r["mini_pred"] == "true");
        var share = (t + 30) / 90.0;
        var chance = (share * share) + ((1 - share) * (1 - share));
        Assert.Equal(((1.0 / 3) - chance) / (1 - chance), noise["agreement"]!["kappa"]!.GetValue<double>(), 9);
        Assert.Equal(["kimera", "k50", "mini", "local"], report["statistics"]!["judges"]!.AsObject().Select(j => j.Key));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_bad_judge_file_is_refused_with_exit_2_naming_every_problem_before_anything_runs()
    {
        var judges = _temp.File("judges.json");
        await File.WriteAllTextAsync(judges, """
            { "judges": [
              { "name": "kimera", "kind": "kimera", "options": { "ResonanceTreshold": 0.5 } },
              { "name": "Kimera", "kind": "kimera" },
              { "name": "mini", "kind": "llm", "apiKeyVariable": "KIMERA_TEST_UNSET_KEY" } ] }
            """);

        var (exit, _, error) = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null, ["KIMERA_TEST_UNSET_KEY"] = null },
            "run", RepoPaths.Samples("sample_pairs.csv"), "--judges-file", judges, "--out", _temp.File("run"));
        output.WriteLine(error);

        Assert.Equal(2, exit);
        Assert.Contains($"{judges}: judges[0] ('kimera'): options: 'ResonanceTreshold' is not a Kimera engine option", error, StringComparison.Ordinal);
        Assert.Contains($"{judges}: judge name 'kimera' is used more than once", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("run")));

        // With the names fixed, the one problem left is the unset key variable, still before any pair is read.
        await File.WriteAllTextAsync(judges, """{ "judges": [ "kimera", { "name": "mini", "kind": "llm", "apiKeyVariable": "KIMERA_TEST_UNSET_KEY" } ] }""");
        (exit, _, error) = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null, ["KIMERA_TEST_UNSET_KEY"] = null },
            "run", RepoPaths.Samples("sample_pairs.csv"), "--judges-file", judges, "--out", _temp.File("run"));
        output.WriteLine(error);
        Assert.Equal(2, exit);
        Assert.Contains("judge 'mini': its API key variable KIMERA_TEST_UNSET_KEY is not set.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("run/pairs.csv")));
    }

    public void Dispose() => _temp.Dispose();
}
