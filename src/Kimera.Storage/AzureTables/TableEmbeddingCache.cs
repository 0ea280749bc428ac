using System.Runtime.InteropServices;
using Azure.Data.Tables;
using Kimera.Engine.Embeddings;

namespace Kimera.Storage.AzureTables;

/// <summary>The shared embedding cache in Azure Table Storage: one entity per (model, text), the vector as a binary property
/// of float32 little-endian bytes.</summary>
/// <remarks>Partition key <c>{model tag}-{first two hex chars of the text hash}</c> spreads each model over 256 partitions
/// (Table Storage scales out by partition); row key = the text hash. Writes are transactions of up to 100 entities per
/// partition, reads are parallel point reads.</remarks>
public sealed class TableEmbeddingCache : IEmbeddingCache
{
    /// <summary>The table used when none is named.</summary>
    public const string DefaultTableName = "embeddings";

    /// <summary>A binary property holds at most 64 KiB: 16,384 float32 values (MiniLM's 384 take 1,536 bytes).</summary>
    public const int MaxDimensions = 64 * 1024 / sizeof(float);

    private const string VectorProperty = "Vector";
    private const string ModelProperty = "Model";
    private static readonly string[] Select = ["RowKey", VectorProperty, ModelProperty];

    private readonly CacheTable _table;

    /// <param name="service">The account's table service.</param>
    /// <param name="tableName">Created when missing.</param>
    /// <param name="maxConcurrency">Requests in flight at once for one call.</param>
    public TableEmbeddingCache(TableServiceClient service, string tableName = DefaultTableName, int maxConcurrency = 32)
        : this((service ?? throw new ArgumentNullException(nameof(service))).GetTableClient(tableName), maxConcurrency)
    {
    }

    /// <param name="table">Created when missing.</param>
    /// <param name="maxConcurrency">Requests in flight at once for one call.</param>
    public TableEmbeddingCache(TableClient table, int maxConcurrency = 32)
    {
        _table = new CacheTable(table, maxConcurrency);
    }

    /// <summary>The table's name.</summary>
    public string TableName => _table.Name;

    public async Task<IReadOnlyDictionary<string, float[]>> GetManyAsync(
        string modelId, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(textHashes);
        var found = new Dictionary<string, float[]>(textHashes.Count, StringComparer.Ordinal);
        if (textHashes.Count == 0)
        {
            return found;
        }

        var tag = TableKeys.ModelTag(modelId);
        var keys = textHashes.Distinct(StringComparer.Ordinal)
            .Select(hash =>
            {
                TableKeys.ValidateRowKey(hash, nameof(textHashes));
                return (PartitionKey(tag, hash), hash);
            })
            .ToArray();
        foreach (var entity in await _table.GetManyAsync(keys, Select, cancellationToken).ConfigureAwait(false))
        {
            // The model tag is a 64-bit hash prefix; the stored model id rules out a collision between two models.
            if (string.Equals(entity.GetString(ModelProperty), modelId, StringComparison.Ordinal))
            {
                found[entity.RowKey] = MemoryMarshal.Cast<byte, float>(entity.GetBinary(VectorProperty)).ToArray();
            }
        }

        return found;
    }

    public async Task SetManyAsync(
        string modelId, IReadOnlyCollection<KeyValuePair<string, float[]>> vectorsByTextHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(vectorsByTextHash);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Vectors are stored as little-endian float32 bytes.");
        }

        var tag = TableKeys.ModelTag(modelId);
        // The last value for a key wins, as with sequential writes; a transaction may not name one row twice.
        var latest = new Dictionary<string, float[]>(vectorsByTextHash.Count, StringComparer.Ordinal);
        foreach (var (hash, vector) in vectorsByTextHash)
        {
            TableKeys.ValidateRowKey(hash, nameof(vectorsByTextHash));
            ArgumentNullException.ThrowIfNull(vector, nameof(vectorsByTextHash));
            if (vector.Length > MaxDimensions)
            {
                throw new ArgumentException(
                    $"Vector for '{hash}' has {vector.Length} dimensions; a Table binary property holds at most {MaxDimensions}.", nameof(vectorsByTextHash));
            }

            latest[hash] = vector;
        }

        var entities = latest.Select(pair =>
        {
            var bytes = MemoryMarshal.AsBytes(pair.Value.AsSpan()).ToArray();
            var entity = new TableEntity(PartitionKey(tag, pair.Key), pair.Key)
            {
                [ModelProperty] = modelId,
                [VectorProperty] = bytes,
            };
            // Base64 in the JSON body: 4/3 of the bytes, plus keys and envelope.
            return (entity, (long)(bytes.Length * 4 / 3) + 512 + pair.Key.Length * 2 + modelId.Length);
        });
        await _table.UpsertAsync(entities, cancellationToken).ConfigureAwait(false);
    }

    private static string PartitionKey(string modelTag, string textHash) => $"{modelTag}-{TableKeys.Bucket(textHash)}";
}
