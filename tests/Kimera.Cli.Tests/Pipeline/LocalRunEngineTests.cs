using System.Text.Json;
using Kimera.Pipeline;
using Kimera.Pipeline.Model;
using Kimera.Storage.Sqlite;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Pipeline;

public sealed class LocalRunEngineTests : IClassFixture<EmbedderFixture>, IDisposable
{
    private readonly EmbedderFixture _fixture;
    private readonly TempDirectory _temp = new();

    public LocalRunEngineTests(EmbedderFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Run_on_mixed_quick_writes_every_pair_with_its_label_and_the_kimera_verdict()
    {
        var dataset = RepoPaths.TestData("mixed_quick.csv");
        var report = await new PipelineHarness(_fixture.Embedder).RunAsync(dataset, _temp.File("run"), chunkSize: 6);

        var expected = CsvRows.Read(dataset).ToDictionary(r => r["pair_id"]);
        var rows = CsvRows.Read(_temp.File("run/pairs.csv"));

        // mixed_quick.csv has 20 pairs, 10 labelled True (counted with Python's csv module).
        Assert.Equal(20, rows.Count);
        Assert.Equal(expected.Keys.Order(), rows.Select(r => r["pair_id"]).Order());
        Assert.All(rows, r =>
        {
            Assert.Equal(expected[r["pair_id"]]["label"].ToLowerInvariant(), r["label"]);
            Assert.Equal(expected[r["pair_id"]]["text1"], r["text1"]);
            Assert.Contains(r["kimera_pred"], new[] { "true", "false" });
            Assert.Equal(string.Empty, r["kimera_error"]);
        });
        Assert.Equal(10, rows.Count(r => r["label"] == "true"));

        // "Snow is white" / "Snow is black": same subject "snow", antonym pair white/black → contradiction (docs/algorithm.md, "The Kimera judge", rule 2).
        var snow = rows.Single(r => r["pair_id"] == "5");
        Assert.Equal("true", snow["kimera_pred"]);
        Assert.Contains("antonym", snow["kimera_reasoning"], StringComparison.OrdinalIgnoreCase);

        // The report's confusion matrix is the one counted from pairs.csv.
        var kimera = report.Statistics.Judges["kimera"];
        Assert.Equal(rows.Count(r => r["label"] == "true" && r["kimera_pred"] == "true"), kimera.Confusion!.Tp);
        Assert.Equal(rows.Count(r => r["label"] == "false" && r["kimera_pred"] == "true"), kimera.Confusion.Fp);
        Assert.Equal(20, report.Run.Pairs);
        Assert.Equal(4, report.Run.Chunks);
        Assert.True(File.Exists(_temp.File("run/report.json")));
    }

    /// <summary>Slow: three uncached runs of 120 pairs embed some 700 texts with the real model (about 15 s on two idle cores).</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Pairs_csv_is_byte_identical_whatever_the_chunk_size_parallelism_and_cache()
    {
        var dataset = RepoPaths.Samples("mixed_5k.csv");
        var harness = new PipelineHarness(_fixture.Embedder);
        var cache = new SqliteEmbeddingCache(_temp.File("cache.db"));

        await harness.RunAsync(dataset, _temp.File("a"), chunkSize: 7, parallelism: 2, maxPairs: 120);
        await harness.RunAsync(dataset, _temp.File("b"), chunkSize: 1000, parallelism: 1, maxPairs: 120);
        await harness.RunAsync(dataset, _temp.File("c"), chunkSize: 7, parallelism: 1, maxPairs: 120, cache: cache);
        var embeddedBeforeWarm = harness.TextsEmbedded;
        var warm = await harness.RunAsync(dataset, _temp.File("d"), chunkSize: 1000, parallelism: 2, maxPairs: 120, cache: cache);

        var reference = await File.ReadAllBytesAsync(_temp.File("a/pairs.csv"));
        foreach (var other in new[] { "b", "c", "d" })
        {
            Assert.Equal(reference, await File.ReadAllBytesAsync(_temp.File($"{other}/pairs.csv")));
            Assert.Equal(StatisticsJson("a"), StatisticsJson(other));
        }

        Assert.Equal(embeddedBeforeWarm, harness.TextsEmbedded);
        Assert.Equal(0, warm.Caches.Embeddings.Misses);
        Assert.Equal(120, CsvRows.Read(_temp.File("a/pairs.csv")).Count);
    }

    [Fact]
    public async Task An_interrupted_run_resumes_and_recomputes_only_the_missing_chunks()
    {
        var dataset = RepoPaths.TestData("contradictions_offline.csv");
        var uninterrupted = new PipelineHarness(_fixture.Embedder);
        await uninterrupted.RunAsync(dataset, _temp.File("full"), chunkSize: 4, parallelism: 1);

        var harness = new PipelineHarness(_fixture.Embedder);
        using var stop = new CancellationTokenSource();
        var stopAfterThree = new ProgressCallback<RunProgress>(p =>
        {
            if (p.ChunksDone >= 3)
            {
                stop.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => harness.RunAsync(dataset, _temp.File("resumed"), chunkSize: 4, parallelism: 1, progress: stopAfterThree, cancellationToken: stop.Token));
        Assert.False(File.Exists(_temp.File("resumed/pairs.csv")));
        var finished = Directory.GetFiles(_temp.File("resumed/results"), "*.json").Order().ToArray();
        Assert.Equal(3, finished.Length);
        var stamps = finished.ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var embeddedBefore = harness.TextsEmbedded;
        var report = await harness.RunAsync(dataset, _temp.File("resumed"), chunkSize: 4, parallelism: 1);

        Assert.Equal(3, report.Timings.ChunksReused);
        Assert.Equal(report.Run.Pairs - 12, report.Timings.PairsProcessed);
        Assert.All(stamps, s => Assert.Equal(s.Value, File.GetLastWriteTimeUtc(s.Key)));
        Assert.True(harness.TextsEmbedded - embeddedBefore < uninterrupted.TextsEmbedded);
        Assert.Equal(
            await File.ReadAllBytesAsync(_temp.File("full/pairs.csv")),
            await File.ReadAllBytesAsync(_temp.File("resumed/pairs.csv")));
    }

    [Fact]
    public async Task Geoid_dataset_gives_each_partner_pair_once_and_as_many_negatives()
    {
        // contradictions_offline.csv: 200 rows, of which 172 repeat an earlier id, leaving 28 rows in 14 partner pairs
        // (counted with Python's csv module). The repeats are bad rows, listed, not lost.
        var report = await new PipelineHarness(_fixture.Embedder).RunAsync(
            RepoPaths.TestData("contradictions_offline.csv"), _temp.File("run"), chunkSize: 8);

        var rows = CsvRows.Read(_temp.File("run/pairs.csv"));
        Assert.Equal(28, rows.Count);
        Assert.Equal(14, rows.Count(r => r["label"] == "true"));
        Assert.Equal(14, rows.Count(r => r["label"] == "false"));
        Assert.Equal(rows.Count, rows.Select(r => r["pair_id"]).Distinct().Count());
        Assert.Equal(28, report.Statistics.Labelled);
        Assert.Equal(172, report.Dataset.BadRows);
        Assert.Equal(172, report.Dataset.Problems.Count);
    }

    [Fact]
    public async Task Texts_dataset_is_unlabelled_and_gets_no_label_based_metrics()
    {
        // toy_contradictions.csv: 23 texts → 11 consecutive pairs of a seeded shuffle, no labels.
        var report = await new PipelineHarness(_fixture.Embedder).RunAsync(
            RepoPaths.TestData("toy_contradictions.csv"), _temp.File("run"), chunkSize: 4);

        var rows = CsvRows.Read(_temp.File("run/pairs.csv"));
        Assert.Equal(11, rows.Count);
        Assert.All(rows, r => Assert.Equal(string.Empty, r["label"]));
        Assert.Equal(0, report.Statistics.Labelled);
        Assert.Contains("no labels", report.Statistics.Message, StringComparison.Ordinal);
        Assert.Null(report.Statistics.Judges["kimera"].Accuracy);
    }

    private string StatisticsJson(string run)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(_temp.File($"{run}/report.json")));
        return document.RootElement.GetProperty("statistics").GetRawText();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
