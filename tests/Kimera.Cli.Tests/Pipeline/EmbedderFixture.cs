using Kimera.Engine.Embeddings;

namespace Kimera.Cli.Tests.Pipeline;

/// <summary>One real MiniLM embedder shared by a test class: loading the model takes seconds.</summary>
public sealed class EmbedderFixture : IDisposable
{
    public OnnxSentenceEmbedder Embedder { get; } = new();

    public void Dispose() => Embedder.Dispose();
}
