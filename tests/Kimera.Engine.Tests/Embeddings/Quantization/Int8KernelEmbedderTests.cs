using Kimera.Datasets;
using Kimera.Engine.Embeddings.Quantization;
using Kimera.TestSupport;
using Onnx;

namespace Kimera.Engine.Tests.Embeddings.Quantization;

/// <summary>The forced weight settings end to end: their derived models, their names and ids, and their vectors.</summary>
[Collection("Int8 kernels")]
public sealed class Int8KernelEmbedderTests(Int8KernelsFixture fixture)
{
    [Fact]
    public void Each_setting_derives_its_own_model_file_named_by_its_weights_and_stored_as_them()
    {
        var files = Directory.GetFiles(fixture.ModelDirectory, "*.onnx").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(2, files.Length);
        var signed = Assert.Single(files, f => f!.Contains("-o3x64-s8-m1.1-", StringComparison.Ordinal));
        var unsigned = Assert.Single(files, f => f!.Contains("-o3x64-u8u8-m1.1-", StringComparison.Ordinal));
        Assert.StartsWith("minilm-int8-v2-", signed, StringComparison.Ordinal);
        Assert.StartsWith("minilm-int8-v2-", unsigned, StringComparison.Ordinal);

        // 25 int8 products (recipe v2): int8 weights and no weight zero point, or uint8 weights with zero point 128.
        var signedModel = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(fixture.ModelDirectory, signed!)));
        var unsignedModel = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(fixture.ModelDirectory, unsigned!)));
        Assert.Equal(25, WeightTypes(signedModel).Count(t => t == TensorProto.Types.DataType.Int8));
        Assert.Equal(25, WeightTypes(unsignedModel).Count(t => t == TensorProto.Types.DataType.Uint8));
        Assert.All(WeightTypes(signedModel), t => Assert.Equal(TensorProto.Types.DataType.Int8, t));
        Assert.All(WeightTypes(unsignedModel), t => Assert.Equal(TensorProto.Types.DataType.Uint8, t));
        Assert.All(signedModel.Graph.Node.Where(n => n.OpType == "MatMulIntegerToFloat"), n => Assert.True(n.Input.Count < 6 || n.Input[5].Length == 0, $"{n.Name} has a weight zero point"));
        Assert.All(unsignedModel.Graph.Node.Where(n => n.OpType == "MatMulIntegerToFloat"), n => Assert.EndsWith("_zero_point", n.Input[5], StringComparison.Ordinal));
    }

    [Fact]
    public void Forced_settings_say_so_and_name_the_cpu_and_the_ids_part_only_when_products_may_saturate()
    {
        var cpu = CpuDotProductUnits.Detect();
        var units = Int8KernelChoice.Choose(Int8Weights.Auto, cpu).UnitsName;

        Assert.Equal($"signed (forced; cpu: {units})", fixture.Signed.Int8Kernel);
        Assert.Equal($"unsigned (forced; cpu: {units})", fixture.Unsigned.Int8Kernel);
        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2@int8-v2-alpha0-w127-a255-o3x64-u8u8-m1.1-f0.1.2.3.4.5.8.14.20.26.32", fixture.Unsigned.ModelId);
        if (cpu == DotProductUnits.None)
        {
            Assert.Equal("sentence-transformers/all-MiniLM-L6-v2@int8-v2-alpha0-w127-a255-o3x64-s8-m1.1-f0.1.2.3.4.5.8.14.20.26.32-saturating", fixture.Signed.ModelId);
        }
        else
        {
            Assert.Equal(fixture.Unsigned.ModelId, fixture.Signed.ModelId);
        }
    }

    /// <summary>On VNNI/AMX, <c>vpdpbusd</c> (or the tiles) sum u8 × s8 products in 32 bits: the same integers as the
    /// unsigned kernel's, and the same float arithmetic after them, so the vectors must agree bit for bit.</summary>
    [DotProductUnitsFact]
    public void Signed_and_unsigned_weights_give_bit_identical_vectors_on_this_cpus_dot_product_units()
    {
        var texts = EmbeddingSamples.Mixed.Concat(HeldOutTexts(300)).ToArray();

        var signed = fixture.Signed.Embed(texts);
        var unsigned = fixture.Unsigned.Embed(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(signed[i].AsSpan().SequenceEqual(unsigned[i]), $"text {i} ('{texts[i]}'): signed and unsigned weights give different vectors");
        }
    }

    private static IEnumerable<TensorProto.Types.DataType> WeightTypes(ModelProto model) =>
        model.Graph.Initializer.Where(t => t.Name.EndsWith("_int8", StringComparison.Ordinal)).Select(t => (TensorProto.Types.DataType)t.DataType);

    private static List<string> HeldOutTexts(int count)
    {
        var texts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reader = DatasetReader.OpenAsync(RepoPaths.Samples("mixed_5k.csv")).GetAwaiter().GetResult();
        try
        {
            foreach (var pair in reader.ReadPairsAsync().ToBlockingEnumerable())
            {
                foreach (var text in new[] { pair.Text1.Trim(), pair.Text2.Trim() })
                {
                    if (texts.Count < count && seen.Add(text))
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
}
