using Kimera.Engine.Embeddings;

namespace Kimera.Engine.Tests.Embeddings;

/// <summary>One packaged-model embedder for every test in the "Embedder" collection: loading the model takes seconds.</summary>
public sealed class EmbedderFixture : IDisposable
{
    public OnnxSentenceEmbedder Embedder { get; } = new();

    public BertWordPieceTokenizer Tokenizer => Embedder.Tokenizer;

    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition("Embedder")]
public sealed class EmbedderCollection : ICollectionFixture<EmbedderFixture>;
