using System.Text.Json;
using Kimera.Datasets;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Pipeline.Artifacts;
using Kimera.Reporting.Model;
using Kimera.Statistics;
using Kimera.Storage.FileSystem;
using Kimera.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Pipeline.Tests;

/// <summary>A dataset's slice column (MultiNLI's genre) goes from the pairs through the chunks and the results into
/// pairs.csv and the error analysis of report.json; a dataset without one keeps pairs.csv and report.json as they were.</summary>
public sealed class SliceRunTests : IClassFixture<EmbedderFixture>, IDisposable
{
    private const string Judge = "rule";

    private readonly EmbedderFixture _fixture;
    private readonly TempDirectory _temp = new();

    public SliceRunTests(EmbedderFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_genre_column_becomes_the_slice_column_of_pairs_csv_and_the_error_analysis_by_genre()
    {
        // The rule judge says "contradiction" exactly when the second text holds the word "not":
        // fiction p1 right, p2 right, p3 wrong (not, labelled false); telephone p4 wrong (no "not"), p5 right;
        // travel p6 right; p7 (empty genre → unknown) right. Chunks of 3, so the slice crosses three chunk files.
        var dataset = Write(
            "multinli.csv",
            "pair_id,text1,text2,label,genre",
            "p1,A man is sleeping,A man is not sleeping,true,fiction",
            "p2,A dog runs in the park,An animal is outside,false,fiction",
            "p3,The store opened early,The store did not close,false,fiction",
            "p4,She bought three apples,She bought no fruit,true,telephone",
            "p5,We talked about the weather,We spoke about the weather,false,telephone",
            "p6,The hotel is near the beach,The hotel is not near the beach,true,travel",
            "p7,Prices rose sharply,Prices did not rise,true,");
        var run = _temp.File("run-genre");

        var report = await RunAsync(dataset, run);

        var rows = CsvRows.Read(Path.Combine(run, RunArtifacts.Pairs));
        var header = (await File.ReadAllLinesAsync(Path.Combine(run, RunArtifacts.Pairs)))[0];
        Assert.Equal($"pair_id,text1,text2,lang,type,slice,label,resonance,{Judge}_pred,{Judge}_score,{Judge}_confidence,{Judge}_reasoning,{Judge}_error", header);
        Assert.Equal(
            [("p1", "fiction"), ("p2", "fiction"), ("p3", "fiction"), ("p4", "telephone"), ("p5", "telephone"), ("p6", "travel"), ("p7", "")],
            rows.Select(r => (r["pair_id"], r["slice"])).Order());

        // report.json: statistics.error_analysis names the slice and has one group per genre with its exact counts.
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(run, RunArtifacts.Report)));
        var analysis = json.RootElement.GetProperty("statistics").GetProperty("error_analysis");
        Assert.Equal("genre", analysis.GetProperty("slice_name").GetString());
        Assert.Equal(
            [("fiction", 3L, 2L), ("telephone", 2L, 1L), ("travel", 1L, 1L), ("unknown", 1L, 1L)],
            analysis.GetProperty("judges").GetProperty(Judge).GetProperty("slice").EnumerateArray()
                .Select(g => (g.GetProperty("group").GetString(), g.GetProperty("pairs").GetInt64(), g.GetProperty("correct").GetInt64())));
        Assert.Equal("genre", report.Statistics.ErrorAnalysis!.SliceName);

        // kimera analyze's path (the results reader, one outcome per row) reads the same slices back from pairs.csv; the
        // table does not say the column's name, so the slice is called "slice" there.
        await using var stream = File.OpenRead(Path.Combine(run, RunArtifacts.Pairs));
        await using var reader = await PairResultsReader.OpenAsync(stream, "pairs.csv");
        var outcomes = new List<PairOutcome>();
        await foreach (var row in reader.ReadAllAsync())
        {
            outcomes.Add(row.ToOutcome());
        }

        Assert.True(reader.HasSliceColumn);
        var analyzed = StatisticsCalculator.Compute(outcomes, reader.Judges, new StatisticsOptions { BootstrapResamples = 0, Folds = 2 }).ErrorAnalysis!;
        Assert.Equal("slice", analyzed.SliceName);
        Assert.Equal(
            [("fiction", 3L, 2L), ("telephone", 2L, 1L), ("travel", 1L, 1L), ("unknown", 1L, 1L)],
            analyzed.Judges[Judge].Slice!.Select(g => (g.Group, g.Pairs, g.Correct)));
    }

    [Fact]
    public async Task A_dataset_without_a_slice_column_gives_pairs_csv_and_report_json_without_one()
    {
        var dataset = Write(
            "plain.csv",
            "pair_id,text1,text2,label",
            "p1,A man is sleeping,A man is not sleeping,true",
            "p2,A dog runs in the park,An animal is outside,false",
            "p3,The store opened early,The store did not close,false",
            "p4,She bought three apples,She bought no fruit,true");
        var run = _temp.File("run-plain");

        var report = await RunAsync(dataset, run);

        var header = (await File.ReadAllLinesAsync(Path.Combine(run, RunArtifacts.Pairs)))[0];
        Assert.Equal($"pair_id,text1,text2,lang,type,label,resonance,{Judge}_pred,{Judge}_score,{Judge}_confidence,{Judge}_reasoning,{Judge}_error", header);
        Assert.DoesNotContain("slice", await File.ReadAllTextAsync(Path.Combine(run, RunArtifacts.Plan)), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(run, RunArtifacts.Report)));
        var analysis = json.RootElement.GetProperty("statistics").GetProperty("error_analysis");
        Assert.False(analysis.TryGetProperty("slice_name", out _));
        Assert.False(analysis.GetProperty("judges").GetProperty(Judge).TryGetProperty("slice", out _));
        Assert.Null(report.Statistics.ErrorAnalysis!.SliceName);
        // p1 right, p2 right, p3 wrong, p4 wrong.
        Assert.Equal([("contradiction", 2L, 1L), ("neutral", 2L, 1L)], report.Statistics.ErrorAnalysis.Judges[Judge].PairType.Select(g => (g.Group, g.Pairs, g.Correct)));
    }

    private string Write(string name, params string[] lines)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private async Task<RunReport> RunAsync(string dataset, string run)
    {
        var engineOptions = new KimeraEngineOptions();
        var engine = LocalRunEngine.Create(new EmbeddingLookup(_fixture.Embedder, null), [new NotRuleJudge()], engineOptions, NullLoggerFactory.Instance);
        var spec = new RunSpec { ChunkSize = 3, Parallelism = 1, BootstrapResamples = 0, Folds = 2 }
            .WithJudges([new JudgeDefinition { Name = Judge, Kind = JudgeKinds.Kimera }]);
        return await engine.RunAsync(DatasetSource.FromFile(dataset), new FileSystemArtifactStore(run), spec, "slice-tests");
    }

    /// <summary>A judge written by hand for exact counts: "contradiction" (confidence 0.9) exactly when the second text
    /// holds the word "not", else "no contradiction" (confidence 0.8).</summary>
    private sealed class NotRuleJudge : IPairJudge
    {
        public string Name => Judge;

        public Task<IReadOnlyList<Judgement>> JudgeManyAsync(IReadOnlyList<JudgeInput> pairs, CancellationToken cancellationToken = default)
        {
            IReadOnlyList<Judgement> verdicts = [.. pairs.Select(p => p.Second.Raw.Split(' ').Contains("not", StringComparer.Ordinal)
                ? new Judgement(true, 0.9, "says not")
                : new Judgement(false, 0.8, "no not"))];
            return Task.FromResult(verdicts);
        }
    }

    public void Dispose() => _temp.Dispose();
}
