using Kimera.Engine.Embeddings;

namespace Kimera.TestSupport;

/// <summary>
/// An embedder that embeds as <paramref name="inner"/> does and says its int8 products run as <paramref name="kernel"/>:
/// what the plan and the report must carry, whatever the machine running the test (the kernel itself is chosen and
/// described in Kimera.Engine, tested there).
/// </summary>
public sealed class Int8KernelNamingEmbedder(ITextEmbedder inner, string kernel) : ITextEmbedder
{
    public string ModelId => inner.ModelId;

    public int Dimensions => inner.Dimensions;

    public string? Int8Kernel => kernel;

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        inner.EmbedAsync(texts, cancellationToken);
}
