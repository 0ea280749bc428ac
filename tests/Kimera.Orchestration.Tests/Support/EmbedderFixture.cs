using Kimera.Engine.Embeddings;

namespace Kimera.Orchestration.Tests.Support;

/// <summary>One real MiniLM embedder for every test of the collection (loading the model is the slow part).</summary>
public sealed class EmbedderFixture : IDisposable
{
    public OnnxSentenceEmbedder Embedder { get; } = new(new EmbeddingOptions { IntraOpThreads = 1 });

    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DurableCollection : ICollectionFixture<EmbedderFixture>
{
    public const string Name = "durable";
}
