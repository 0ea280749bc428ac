using System.Diagnostics;
using System.Numerics.Tensors;
using Kimera.Engine.Embeddings;
using Kimera.TestSupport;

namespace Kimera.Bench;

/// <summary>
/// Sentences per second of the int8 embedder against the float32 one on the embeddings benchmark's default sample
/// (2,000 distinct mixed_5k.csv texts, seeded), interleaved unit by unit in one run so that both see the same load;
/// also the per-text cosine between their vectors.
/// </summary>
internal static class Int8Benchmark
{
    private const int Unit = 128;

    public static int Run(string[] args)
    {
        var count = BenchSupport.IntArg(args, "--texts", 2000);
        var repetitions = BenchSupport.IntArg(args, "--reps", 3);
        var threads = BenchSupport.IntArg(args, "--threads", Environment.ProcessorCount);
        var texts = BenchSupport.ReadDistinctTexts(RepoPaths.Samples("mixed_5k.csv")).ToArray();
        Array.Sort(texts, StringComparer.Ordinal);
        new Random(42).Shuffle(texts);
        texts = [.. texts.Take(Math.Min(count, texts.Length))];
        using var fp32 = new OnnxSentenceEmbedder(new EmbeddingOptions { IntraOpThreads = threads });
        var derive = Stopwatch.StartNew();
        using var int8 = new OnnxSentenceEmbedder(new EmbeddingOptions { IntraOpThreads = threads, Precision = EmbeddingPrecision.Int8 });
        Console.WriteLine($"{texts.Length} texts, {repetitions} repetitions, {threads} threads; int8 model loaded (derived or cached) in {derive.Elapsed.TotalSeconds:F1} s; load average {BenchSupport.LoadAverage()}");
        var sorted = texts.OrderBy(t => fp32.Tokenizer.Encode(t, fp32.MaxSequenceLength).Length).ToArray();
        var units = sorted.Chunk(Unit).ToArray();
        fp32.Embed(units[0]);
        int8.Embed(units[0]);
        var ratios = new List<double>();
        var fpRates = new List<double>();
        var intRates = new List<double>();
        for (var r = 0; r < repetitions; r++)
        {
            double fpSeconds = 0, intSeconds = 0;
            foreach (var unit in units)
            {
                fpSeconds += Time(() => fp32.Embed(unit));
                intSeconds += Time(() => int8.Embed(unit));
            }

            fpRates.Add(texts.Length / fpSeconds);
            intRates.Add(texts.Length / intSeconds);
            ratios.Add(fpSeconds / intSeconds);
            Console.WriteLine($"  rep {r + 1}: fp32 {fpRates[^1]:F1}/s, int8 {intRates[^1]:F1}/s, speed-up {ratios[^1]:F2}x, load average {BenchSupport.LoadAverage()}");
        }

        var cosines = fp32.Embed(texts).Zip(int8.Embed(texts), (a, b) => TensorPrimitives.CosineSimilarity(a, b)).Order().ToArray();
        Console.WriteLine($"sentences/s median: fp32 {Stats.Median(fpRates):F1}, int8 {Stats.Median(intRates):F1}; speed-up (median of per-repetition ratios) {Stats.Median(ratios):F2}x");
        Console.WriteLine($"cosine int8 vs fp32: worst {cosines[0]:F4}, 1st percentile {cosines[cosines.Length / 100]:F4}, median {cosines[cosines.Length / 2]:F4}");
        return 0;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
