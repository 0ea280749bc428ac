using System.Globalization;
using Kimera.Engine.Geoids;
using Kimera.Judging.Definitions;
using Kimera.Judging.Detector;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Pipeline;

/// <summary>Kimera variants in one run: each judges with its own options, all from the same embeddings (each distinct
/// text embedded once, however many variants), and the plain judge's columns unchanged by the others.</summary>
public sealed class JudgeSetRunTests : IClassFixture<EmbedderFixture>, IDisposable
{
    private readonly EmbedderFixture _fixture;
    private readonly TempDirectory _temp = new();

    public JudgeSetRunTests(EmbedderFixture fixture) => _fixture = fixture;

    /// <summary>Slow: two runs of 120 pairs and the check's own embeddings, some 700 texts with the real model (about 15 s on two idle cores).</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Variants_share_the_embeddings_and_each_judges_as_a_judge_built_with_its_options_would()
    {
        var dataset = RepoPaths.Samples("mixed_5k.csv");
        JudgeDefinition[] judges =
        [
            JudgeDefinition.FromShorthand("kimera"),
            new() { Name = "nc55", Kind = JudgeKinds.Kimera, Options = new Dictionary<string, string> { ["NoContradictionConfidence"] = "0.55", ["UnrelatedConfidence"] = "0.6" } },
            new() { Name = "shared1", Kind = JudgeKinds.Kimera, Options = new Dictionary<string, string> { ["MinSharedWords"] = "1", ["NegationPenaltyEnabled"] = "false" } },
        ];

        var single = new PipelineHarness(_fixture.Embedder);
        await single.RunAsync(dataset, _temp.File("one"), chunkSize: 40, maxPairs: 120, bootstrap: 0);
        var three = new PipelineHarness(_fixture.Embedder);
        var report = await three.RunAsync(dataset, _temp.File("three"), chunkSize: 40, maxPairs: 120, bootstrap: 0, judges: judges);

        // Embeddings are shared: three judges ask the embedder for exactly the texts one judge does.
        Assert.Equal(single.TextsEmbedded, three.TextsEmbedded);
        Assert.Equal(["kimera", "nc55", "shared1"], report.Run.Judges);

        var one = CsvRows.Read(_temp.File("one/pairs.csv"));
        var rows = CsvRows.Read(_temp.File("three/pairs.csv"));
        Assert.Equal(120, rows.Count);
        // The plain judge's columns are those of a run with it alone.
        Assert.Equal(one.Select(r => (r["kimera_pred"], r["kimera_score"], r["kimera_reasoning"])), rows.Select(r => (r["kimera_pred"], r["kimera_score"], r["kimera_reasoning"])));

        // Each variant's verdicts are those of a KimeraJudge built directly with its options (no override code involved),
        // on vectors embedded here independently.
        var nc55 = new KimeraJudge(new KimeraEngineOptions { NoContradictionConfidence = 0.55, UnrelatedConfidence = 0.6 });
        var shared1 = new KimeraJudge(new KimeraEngineOptions { MinSharedWords = 1, NegationPenaltyEnabled = false });
        var texts = rows.SelectMany(r => new[] { r["text1"].Trim(), r["text2"].Trim() }).Distinct().ToArray();
        var vectors = (await _fixture.Embedder.EmbedAsync(texts)).Select((v, i) => (texts[i], v)).ToDictionary(x => x.Item1, x => x.v);
        var differs = new Dictionary<string, int> { ["nc55"] = 0, ["shared1"] = 0 };
        foreach (var row in rows)
        {
            var first = new Geoid(row["text1"], row["lang"], vectors[row["text1"].Trim()]);
            var second = new Geoid(row["text2"], row["lang"], vectors[row["text2"].Trim()]);
            foreach (var (name, judge) in new[] { ("nc55", nc55), ("shared1", shared1) })
            {
                var expected = judge.Detect(first, second).Judgement;
                Assert.Equal(expected.IsContradiction == true ? "true" : "false", row[$"{name}_pred"]);
                Assert.Equal(expected.Score!.Value, double.Parse(row[$"{name}_score"], CultureInfo.InvariantCulture), 9);
                differs[name] += row[$"{name}_pred"] != row["kimera_pred"] || row[$"{name}_score"] != row["kimera_score"] ? 1 : 0;
            }
        }

        // The variants really are different judges on this data (other verdicts or other scores).
        Assert.All(differs, d => Assert.True(d.Value > 0, $"{d.Key} never differs from kimera, which proves nothing ({string.Join(", ", differs)})"));
        Assert.Equal(3, report.Statistics.Judges.Count);
        Assert.NotNull(report.Statistics.ManyJudges);
    }

    [Fact]
    public async Task A_sweep_runs_one_variant_per_value_and_names_them_by_value()
    {
        var dataset = RepoPaths.TestData("mixed_quick.csv");
        var (sweep, error) = KimeraSweep.Parse("high_resonance_threshold=0.7:0.9:0.1");
        Assert.Null(error);

        var report = await new PipelineHarness(_fixture.Embedder).RunAsync(
            dataset, _temp.File("sweep"), chunkSize: 6, bootstrap: 0, judges: sweep!.Judges(), sweep: sweep.Axis());

        Assert.Equal(["kimera_0.7", "kimera_0.8", "kimera_0.9"], report.Run.Judges);
        var rows = CsvRows.Read(_temp.File("sweep/pairs.csv"));
        // The variant at the default 0.8 is the plain Kimera judge; a higher threshold calls "compatible" on fewer pairs,
        // so it can only add contradictions, never remove them (rule 1 is the only one that clears a pair first).
        Assert.All(rows, r => Assert.True(r["kimera_0.7_pred"] == "false" || r["kimera_0.8_pred"] == "true"));
        Assert.All(rows, r => Assert.True(r["kimera_0.8_pred"] == "false" || r["kimera_0.9_pred"] == "true"));
        foreach (var name in report.Run.Judges)
        {
            var accuracy = (double)rows.Count(r => r[$"{name}_pred"] == r["label"]) / rows.Count;
            Assert.Equal(accuracy, report.Statistics.Judges[name].Accuracy!.Value, 12);
        }

        // The statistics' sweep section: the swept option as written, each value with its variant's accuracy.
        var section = report.Statistics.Sweep!;
        Assert.Equal("high_resonance_threshold", section.Parameter);
        Assert.Equal([0.7, 0.8, 0.9], section.Points.Select(p => p.Value));
        Assert.Equal(report.Run.Judges, section.Points.Select(p => p.Judge));
        Assert.Equal(report.Run.Judges.Select(j => report.Statistics.Judges[j].Accuracy), section.Points.Select(p => p.Accuracy));
        Assert.Contains("high_resonance_threshold", await File.ReadAllTextAsync(_temp.File("sweep/report.html")), StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
