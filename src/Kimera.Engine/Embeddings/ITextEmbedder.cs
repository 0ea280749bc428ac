namespace Kimera.Engine.Embeddings;

/// <summary>Turns texts into L2-normalised sentence vectors.</summary>
/// <remarks>Implementations are safe for concurrent callers and return vectors in input order.</remarks>
public interface ITextEmbedder
{
    /// <summary>Identifies the model; part of every embedding-cache key.</summary>
    string ModelId { get; }

    /// <summary>Length of every vector this embedder returns.</summary>
    int Dimensions { get; }

    /// <summary>How the int8 weight products run, e.g. <c>signed (avx512_vnni)</c> (<see cref="Quantization.Int8KernelChoice.Describe"/>);
    /// null for an embedder that does not run an int8 model. Recorded in the plan and the report.</summary>
    string? Int8Kernel => null;

    /// <summary>Embeds <paramref name="texts"/>; element <c>i</c> of the result belongs to <c>texts[i]</c>.</summary>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>Embeds <paramref name="texts"/> as <see cref="EmbedAsync(IReadOnlyList{string}, CancellationToken)"/> does,
    /// reporting to <paramref name="textsEmbedded"/> how many texts each step finished (an increment, not a total).
    /// The vectors are the same bytes either way. This default reports all texts in one step, at the end; an embedder that
    /// works in batches reports each batch.</summary>
    async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, IProgress<int>? textsEmbedded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = await EmbedAsync(texts, cancellationToken).ConfigureAwait(false);
        textsEmbedded?.Report(texts.Count);
        return vectors;
    }
}
