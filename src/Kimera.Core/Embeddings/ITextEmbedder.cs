namespace Kimera.Embeddings;

/// <summary>Turns texts into L2-normalised sentence vectors.</summary>
/// <remarks>Implementations are safe for concurrent callers and return vectors in input order.</remarks>
public interface ITextEmbedder
{
    /// <summary>Identifies the model; part of every embedding-cache key.</summary>
    string ModelId { get; }

    /// <summary>Length of every vector this embedder returns.</summary>
    int Dimensions { get; }

    /// <summary>Embeds <paramref name="texts"/>; element <c>i</c> of the result belongs to <c>texts[i]</c>.</summary>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
