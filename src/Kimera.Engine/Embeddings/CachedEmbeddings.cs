namespace Kimera.Engine.Embeddings;

/// <summary>Vectors for a set of texts, with how many came from the cache and how many were computed.</summary>
public sealed record CachedEmbeddings(IReadOnlyDictionary<string, float[]> VectorsByText, int CacheHits, int Computed);
