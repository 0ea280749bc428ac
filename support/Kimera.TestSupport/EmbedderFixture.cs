using Kimera.Engine.Embeddings;

namespace Kimera.TestSupport;

/// <summary>One real MiniLM embedder (the packaged model, default options) shared by the tests of a class or collection:
/// loading the model takes seconds. A test project declares its own collection over it where it wants one
/// (<c>ICollectionFixture&lt;EmbedderFixture&gt;</c>: xUnit finds collection definitions in the test assembly only).</summary>
public sealed class EmbedderFixture : IDisposable
{
    public OnnxSentenceEmbedder Embedder { get; } = new();

    public BertWordPieceTokenizer Tokenizer => Embedder.Tokenizer;

    public void Dispose() => Embedder.Dispose();
}
