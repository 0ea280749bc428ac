using Kimera.Engine.Embeddings;
using Kimera.Engine.Embeddings.Quantization;

namespace Kimera.Engine.Tests.Embeddings.Quantization;

/// <summary>
/// Two int8 embedders, one per forced weight setting, their models derived afresh into one temporary folder, for the
/// "Int8 kernels" collection.
/// </summary>
public sealed class Int8KernelsFixture : IDisposable
{
    public Int8KernelsFixture()
    {
        Directory.CreateDirectory(ModelDirectory);
        Signed = new OnnxSentenceEmbedder(new EmbeddingOptions { Precision = EmbeddingPrecision.Int8, Int8Weights = Int8Weights.Signed, DerivedModelDirectory = ModelDirectory });
        Unsigned = new OnnxSentenceEmbedder(new EmbeddingOptions { Precision = EmbeddingPrecision.Int8, Int8Weights = Int8Weights.Unsigned, DerivedModelDirectory = ModelDirectory });
    }

    public string ModelDirectory { get; } = Path.Combine(Path.GetTempPath(), "kimera-int8-kernels-tests-" + Guid.NewGuid().ToString("N"));

    public OnnxSentenceEmbedder Signed { get; }

    public OnnxSentenceEmbedder Unsigned { get; }

    public void Dispose()
    {
        Signed.Dispose();
        Unsigned.Dispose();
        Directory.Delete(ModelDirectory, recursive: true);
    }
}

[CollectionDefinition("Int8 kernels")]
public sealed class Int8KernelsCollection : ICollectionFixture<Int8KernelsFixture>;

/// <summary>A fact that runs only on a CPU with a dot-product unit (avx512_vnni, avx_vnni or amx_int8), and says why otherwise.</summary>
public sealed class DotProductUnitsFactAttribute : FactAttribute
{
    public DotProductUnitsFactAttribute()
    {
        if (CpuDotProductUnits.Detect() == DotProductUnits.None)
        {
            Skip = "This CPU has none of avx512_vnni, avx_vnni or amx_int8: its signed-weight kernel saturates, so only unsigned weights are used and there is no second kernel to compare.";
        }
    }
}
