using System.Diagnostics;
using System.Globalization;
using Kimera.Datasets;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Judging.Detector;
using Kimera.Pipeline;
using Kimera.Reporting.Model;
using Kimera.Storage.FileSystem;
using Kimera.Storage.Sqlite;
using Kimera.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Bench;

/// <summary>
/// The local pipeline against the prototype's flow on the first N pairs of mixed_5k.csv, in one process, repetitions
/// interleaved so that load from other processes hits every variant alike. Baseline: one text per embedder call,
/// sequential, no de-duplication, no cache, then the Kimera judge on the pair. Cold: <see cref="LocalRunEngine"/> with a
/// fresh, empty SQLite embedding cache, default chunk size and parallelism. Warm: the same cache again, into a new
/// run folder, so only the caches are reused. Then cold runs for parallelism 1 and 2 × ONNX intra-op threads 1 and 2.
/// </summary>
internal static class PipelineSpeedupBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pairsCount = BenchSupport.IntArg(args, "--pairs", 2000);
        var baselinePairs = BenchSupport.IntArg(args, "--baseline-pairs", pairsCount);
        var repetitions = BenchSupport.IntArg(args, "--reps", 3);
        var scalingReps = BenchSupport.IntArg(args, "--scaling-reps", 1);
        var scalingPairs = BenchSupport.IntArg(args, "--scaling-pairs", pairsCount);
        var work = Path.Combine(Path.GetTempPath(), "kimera-pipebench-speedup-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        var dataset = RepoPaths.Samples("mixed_5k.csv");

        var pairs = new List<BenchmarkPair>();
        await using (var reader = await DatasetReader.OpenAsync(dataset, new DatasetReaderOptions { MaxPairs = pairsCount }))
        {
            await foreach (var p in reader.ReadPairsAsync())
            {
                pairs.Add(p);
            }
        }

        var distinct = pairs.SelectMany(p => new[] { p.Text1.Trim(), p.Text2.Trim() }).Distinct(StringComparer.Ordinal).Count();
        Console.WriteLine($"mixed_5k.csv: first {pairs.Count} pairs, {pairs.Count * 2} texts, {distinct} distinct; baseline on the first {baselinePairs} pairs; {repetitions} repetitions; {Environment.ProcessorCount} cores");

        // The baseline's embedder spreads one text over every core, as the prototype's did; the pipeline's splits the
        // cores between its parallel chunks, as `kimera run` configures it (RunComposition).
        using var embedder = new OnnxSentenceEmbedder(new EmbeddingOptions());
        await embedder.EmbedAsync(pairs.Take(32).Select(p => p.Text1).ToArray()); // load and warm up ONNX Runtime
        var pipelineParallelism = RunSpec.DefaultParallelism;
        using var pipelineEmbedder = new OnnxSentenceEmbedder(new EmbeddingOptions { IntraOpThreads = Math.Max(1, Environment.ProcessorCount / pipelineParallelism) });
        await pipelineEmbedder.EmbedAsync(pairs.Take(32).Select(p => p.Text1).ToArray());

        var baseline = new List<double>();
        var cold = new List<double>();
        var warm = new List<double>();
        var baselineContradictions = 0L;
        RunReport? coldReport = null, warmReport = null;
        for (var r = 0; r < repetitions; r++)
        {
            var (seconds, contradictions) = await BaselineAsync(embedder, pairs.Take(baselinePairs).ToArray());
            baseline.Add(baselinePairs / seconds);
            baselineContradictions = contradictions;

            var cachePath = Path.Combine(work, string.Create(CultureInfo.InvariantCulture, $"cache_{r}.db"));
            var cache = new SqliteEmbeddingCache(cachePath);
            var (coldSeconds, coldRun) = await PipelineAsync(pipelineEmbedder, cache, dataset, pairsCount, pipelineParallelism, Path.Combine(work, $"cold_{r}"));
            cold.Add(pairsCount / coldSeconds);
            var (warmSeconds, warmRun) = await PipelineAsync(pipelineEmbedder, cache, dataset, pairsCount, pipelineParallelism, Path.Combine(work, $"warm_{r}"));
            warm.Add(pairsCount / warmSeconds);
            (coldReport, warmReport) = (coldRun, warmRun);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rep {r + 1}: baseline {baseline[^1]:F1} pairs/s, cold {cold[^1]:F1} pairs/s ({cold[^1] / baseline[^1]:F1}x), warm {warm[^1]:F1} pairs/s ({warm[^1] / baseline[^1]:F1}x)"));
        }

        // Same pairs, same verdicts: the pipeline's contradiction count over the first baselinePairs must match when they are all pairs.
        var pipelineContradictions = coldReport!.Judges[JudgeNames.Kimera].Contradictions;
        var sameVerdicts = baselinePairs == pairsCount ? (pipelineContradictions == baselineContradictions ? "identical" : "DIFFERENT") : "not compared (baseline on a subset)";

        Console.WriteLine("scaling: cold runs, parallel chunks x ONNX intra-op threads ...");
        var scaling = new List<(int Parallelism, int Threads, double PairsPerSecond)>();
        var configs = new[] { (1, 1), (2, 1), (1, 2), (2, 2) };
        var scalingRates = configs.ToDictionary(c => c, _ => new List<double>());
        for (var r = 0; r < scalingReps; r++)
        {
            foreach (var (parallelism, threads) in configs)
            {
                using var e = new OnnxSentenceEmbedder(new EmbeddingOptions { IntraOpThreads = threads });
                await e.EmbedAsync(pairs.Take(32).Select(p => p.Text1).ToArray());
                var cache = new SqliteEmbeddingCache(Path.Combine(work, string.Create(CultureInfo.InvariantCulture, $"scale_{parallelism}_{threads}_{r}.db")));
                var (seconds, _) = await PipelineAsync(e, cache, dataset, scalingPairs, parallelism, Path.Combine(work, string.Create(CultureInfo.InvariantCulture, $"scale_{parallelism}_{threads}_{r}")));
                scalingRates[(parallelism, threads)].Add(scalingPairs / seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  parallelism {parallelism}, threads {threads}: {scalingPairs / seconds:F1} pairs/s"));
            }
        }

        var b = Stats.Median(baseline);
        var c = Stats.Median(cold);
        var w = Stats.Median(warm);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pipeline-speedup: {pairsCount} pairs of mixed_5k.csv ({distinct} distinct texts), medians of {repetitions} interleaved repetitions; shared, loaded 2-core machine"));
        Console.WriteLine($"{"variant",-44} {"pairs/s",10} {"vs baseline",12} {"target",8} {"met",5}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{$"baseline (1 text/call, sequential; {baselinePairs} pairs)",-44} {b,10:F1} {1.0,11:F2}x {"",8} {"",5}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"pipeline cold (empty SQLite cache)",-44} {c,10:F1} {c / b,11:F2}x {">= 3x",8} {(c / b >= 3 ? "yes" : "NO"),5}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"pipeline warm (same cache, new run folder)",-44} {w,10:F1} {w / b,11:F2}x {">= 20x",8} {(w / b >= 20 ? "yes" : "NO"),5}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all reps: baseline [{string.Join(", ", baseline.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))}] cold [{string.Join(", ", cold.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))}] warm [{string.Join(", ", warm.Select(x => x.ToString("F1", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine($"cold run: embeddings computed {coldReport.Caches.Embeddings.Misses}, from cache {coldReport.Caches.Embeddings.Hits}; warm run: computed {warmReport!.Caches.Embeddings.Misses}, from cache {warmReport.Caches.Embeddings.Hits}");
        Console.WriteLine($"kimera contradictions: baseline {baselineContradictions}, pipeline {pipelineContradictions} ({sameVerdicts})");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold-run scaling ({scalingPairs} pairs, median of {scalingReps}): {"parallel chunks",16} {"intra-op threads",17} {"pairs/s",10} {"vs 1x1",8}"));
        var one = Stats.Median(scalingRates[(1, 1)]);
        foreach (var config in configs)
        {
            var rate = Stats.Median(scalingRates[config]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",39} {config.Item1,16} {config.Item2,17} {rate,10:F1} {rate / one,7:F2}x"));
        }

        Directory.Delete(work, recursive: true);
        return 0;
    }

    /// <summary>The prototype's flow: each text embedded on its own, in order, then the Kimera judge on the pair.</summary>
    private static async Task<(double Seconds, long Contradictions)> BaselineAsync(ITextEmbedder embedder, IReadOnlyList<BenchmarkPair> pairs)
    {
        var judge = new KimeraJudge(new KimeraEngineOptions());
        long contradictions = 0;
        var stopwatch = Stopwatch.StartNew();
        foreach (var p in pairs)
        {
            var first = (await embedder.EmbedAsync([p.Text1.Trim()]))[0];
            var second = (await embedder.EmbedAsync([p.Text2.Trim()]))[0];
            var input = new JudgeInput(p.PairId, new Geoid(p.Text1, p.Lang1, first), new Geoid(p.Text2, p.Lang2, second));
            var verdict = (await judge.JudgeManyAsync([input]))[0];
            if (verdict.IsContradiction == true)
            {
                contradictions++;
            }
        }

        return (stopwatch.Elapsed.TotalSeconds, contradictions);
    }

    private static async Task<(double Seconds, RunReport Report)> PipelineAsync(
        ITextEmbedder embedder, IEmbeddingCache cache, string dataset, int maxPairs, int parallelism, string output)
    {
        var catalog = new JudgeCatalog(new KimeraEngineOptions());
        using var judges = catalog.Create([JudgeNames.Kimera]);
        var engine = LocalRunEngine.Create(new EmbeddingLookup(embedder, cache), judges.Judges, catalog.EngineOptions, NullLoggerFactory.Instance);
        var stopwatch = Stopwatch.StartNew();
        var report = await engine.RunAsync(
            DatasetSource.FromFile(dataset),
            new FileSystemArtifactStore(output),
            new RunSpec { MaxPairs = maxPairs, Parallelism = parallelism, Judges = [JudgeNames.Kimera], BootstrapResamples = 200 },
            $"embedding:{embedder.ModelId}");
        return (stopwatch.Elapsed.TotalSeconds, report);
    }
}
