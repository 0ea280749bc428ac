using Kimera.Engine.Embeddings;

namespace Kimera.Engine.Tests.Embeddings;

/// <summary>
/// One int8 embedder (and one float32 embedder to compare with) for the "Int8 embedder" collection, its model derived
/// afresh into a temporary folder so that the tests exercise the derivation, not a model cached by an earlier run.
/// </summary>
public sealed class Int8EmbedderFixture : IDisposable
{
    public Int8EmbedderFixture()
    {
        Directory.CreateDirectory(ModelDirectory);
        Int8 = new OnnxSentenceEmbedder(new EmbeddingOptions { Precision = EmbeddingPrecision.Int8, DerivedModelDirectory = ModelDirectory });
        Fp32 = new OnnxSentenceEmbedder();
    }

    public string ModelDirectory { get; } = Path.Combine(Path.GetTempPath(), "kimera-int8-tests-" + Guid.NewGuid().ToString("N"));

    public OnnxSentenceEmbedder Int8 { get; }

    public OnnxSentenceEmbedder Fp32 { get; }

    public void Dispose()
    {
        Int8.Dispose();
        Fp32.Dispose();
        Directory.Delete(ModelDirectory, recursive: true);
    }
}

[CollectionDefinition("Int8 embedder")]
public sealed class Int8EmbedderCollection : ICollectionFixture<Int8EmbedderFixture>;
