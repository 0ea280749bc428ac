using System.Globalization;
using System.Text.Json;
using Kimera.Engine.Embeddings;
using Kimera.TestSupport;

namespace Kimera.Bench;

/// <summary>
/// Where the embedder's time goes, per ONNX Runtime operator type, for fp32 and int8: ONNX Runtime's own profiler
/// (SessionOptions.EnableProfiling) records every operator run while each embedder embeds the same seeded mixed_5k.csv
/// texts in the pipeline's batches; the kernel times are summed by operator type.
/// </summary>
internal static class Int8ProfileBenchmark
{
    public static int Run(string[] args)
    {
        var count = BenchSupport.IntArg(args, "--texts", 400);
        var threads = BenchSupport.IntArg(args, "--threads", Environment.ProcessorCount);
        var texts = BenchSupport.ReadDistinctTexts(RepoPaths.Samples("mixed_5k.csv")).ToArray();
        Array.Sort(texts, StringComparer.Ordinal);
        new Random(42).Shuffle(texts);
        texts = [.. texts.Take(Math.Min(count, texts.Length))];
        var work = Path.Combine(Path.GetTempPath(), "kimera-int8-profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            Console.WriteLine($"{texts.Length} texts, {threads} threads; load average {BenchSupport.LoadAverage()}");
            var fp32 = Profile(texts, threads, EmbeddingPrecision.Fp32, work);
            var int8 = Profile(texts, threads, EmbeddingPrecision.Int8, work);
            using (var kernel = new OnnxSentenceEmbedder(new EmbeddingOptions { Precision = EmbeddingPrecision.Int8, DerivedModelDirectory = work }))
            {
                Print("fp32", fp32);
                Print($"int8 [{kernel.Int8Kernel}]", int8);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kernel time int8/fp32: {int8.Values.Sum(v => v.Microseconds) / (double)fp32.Values.Sum(v => v.Microseconds):F2}"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Dictionary<string, (long Microseconds, int Runs)> Profile(string[] texts, int threads, EmbeddingPrecision precision, string work)
    {
        // The int8 model is derived (untimed) first, so that the profiled session does only embedding.
        using (new OnnxSentenceEmbedder(new EmbeddingOptions { Precision = precision, DerivedModelDirectory = work, IntraOpThreads = threads }))
        {
        }

        string trace;
        using (var embedder = new OnnxSentenceEmbedder(new EmbeddingOptions
        {
            Precision = precision,
            DerivedModelDirectory = work,
            IntraOpThreads = threads,
            ProfileOutputPrefix = Path.Combine(work, precision.ToString()),
        }))
        {
            embedder.Embed(texts);
            trace = embedder.EndProfiling();
        }

        var byType = new Dictionary<string, (long Microseconds, int Runs)>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(trace));
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (item.GetProperty("cat").GetString() != "Node"
                || item.GetProperty("name").GetString() is not { } name || !name.EndsWith("_kernel_time", StringComparison.Ordinal)
                || !item.TryGetProperty("args", out var details) || !details.TryGetProperty("op_name", out var op))
            {
                continue;
            }

            var type = op.GetString() ?? "?";
            var (micros, runs) = byType.GetValueOrDefault(type);
            byType[type] = (micros + item.GetProperty("dur").GetInt64(), runs + 1);
        }

        return byType;
    }

    private static void Print(string title, Dictionary<string, (long Microseconds, int Runs)> byType)
    {
        var total = byType.Values.Sum(v => v.Microseconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: operator kernel time {total / 1e6:F2} s"));
        foreach (var (type, (micros, runs)) in byType.OrderByDescending(p => p.Value.Microseconds))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {type,-24} {micros / 1e6,8:F2} s {100.0 * micros / total,6:F1}%  {runs,7} runs"));
        }
    }
}
