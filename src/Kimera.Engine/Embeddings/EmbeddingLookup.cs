namespace Kimera.Engine.Embeddings;

/// <summary>Embeds texts cache-first: one batched cache read, one embedder call for the misses, one batched cache write.</summary>
/// <remarks>Each distinct text is embedded once per call. Vectors read from the cache are the float32 values
/// the embedder produced, so results are identical with and without the cache.</remarks>
public sealed class EmbeddingLookup
{
    private readonly ITextEmbedder _embedder;
    private readonly IEmbeddingCache? _cache;

    /// <param name="cache">Optional; <c>null</c> embeds every text.</param>
    public EmbeddingLookup(ITextEmbedder embedder, IEmbeddingCache? cache)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
        _cache = cache;
    }

    public string ModelId => _embedder.ModelId;

    /// <summary>How the embedder's int8 products run (<see cref="ITextEmbedder.Int8Kernel"/>); null for float32.</summary>
    public string? Int8Kernel => _embedder.Int8Kernel;

    public Task<CachedEmbeddings> GetAsync(IEnumerable<string> texts, CancellationToken cancellationToken = default) =>
        GetAsync(texts, textsDone: null, cancellationToken);

    /// <param name="textsDone">Told how many distinct texts each step settled (an increment): those found in the cache at
    /// once, then each batch the embedder finishes.</param>
    public async Task<CachedEmbeddings> GetAsync(IEnumerable<string> texts, IProgress<int>? textsDone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var distinct = texts.Distinct(StringComparer.Ordinal).ToArray();
        var hashes = distinct.Select(TextHash.Sha256Hex).ToArray();
        var vectors = new Dictionary<string, float[]>(distinct.Length, StringComparer.Ordinal);

        IReadOnlyDictionary<string, float[]> cached = _cache is null
            ? new Dictionary<string, float[]>()
            : await _cache.GetManyAsync(_embedder.ModelId, hashes, cancellationToken).ConfigureAwait(false);

        var missing = new List<int>();
        for (var i = 0; i < distinct.Length; i++)
        {
            if (cached.TryGetValue(hashes[i], out var vector) && vector.Length == _embedder.Dimensions)
            {
                vectors[distinct[i]] = vector;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (distinct.Length > missing.Count)
        {
            textsDone?.Report(distinct.Length - missing.Count);
        }

        if (missing.Count > 0)
        {
            var computed = await _embedder.EmbedAsync(missing.Select(i => distinct[i]).ToArray(), textsDone, cancellationToken).ConfigureAwait(false);
            var toStore = new List<KeyValuePair<string, float[]>>(missing.Count);
            for (var k = 0; k < missing.Count; k++)
            {
                vectors[distinct[missing[k]]] = computed[k];
                toStore.Add(new(hashes[missing[k]], computed[k]));
            }

            if (_cache is not null)
            {
                await _cache.SetManyAsync(_embedder.ModelId, toStore, cancellationToken).ConfigureAwait(false);
            }
        }

        return new CachedEmbeddings(vectors, distinct.Length - missing.Count, missing.Count);
    }
}
