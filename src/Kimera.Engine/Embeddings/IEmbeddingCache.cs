namespace Kimera.Engine.Embeddings;

/// <summary>A persistent store of sentence vectors keyed by model id and the SHA-256 of the text.</summary>
public interface IEmbeddingCache
{
    /// <summary>Looks up many texts at once; the result holds only the hashes that were found.</summary>
    Task<IReadOnlyDictionary<string, float[]>> GetManyAsync(
        string modelId, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default);

    /// <summary>Stores many vectors at once; existing entries are overwritten.</summary>
    Task SetManyAsync(
        string modelId, IReadOnlyCollection<KeyValuePair<string, float[]>> vectorsByTextHash, CancellationToken cancellationToken = default);
}
