using Azure.Data.Tables;
using Kimera.Judging;

namespace Kimera.Storage.AzureTables;

/// <summary>The shared judgement cache in Azure Table Storage: one entity per key with the verdict, confidence and reasoning.</summary>
/// <remarks>Partition key = first two hex characters of the key (256 partitions), row key = the key. Only judged pairs are
/// stored, as in <see cref="Kimera.Storage.Sqlite.SqliteJudgementCache"/>: a judgement without a verdict is refused.</remarks>
public sealed class TableJudgementCache : IJudgementCache
{
    /// <summary>The table used when none is named.</summary>
    public const string DefaultTableName = "judgements";

    // A string property holds at most 64 KiB of UTF-16 (32,768 characters); reasoning is a sentence or two, so a longer
    // one is cut rather than failing the whole batch of a run.
    private const int MaxReasoningLength = 32_000;

    private const string VerdictProperty = "IsContradiction";
    private const string ConfidenceProperty = "Confidence";
    private const string ReasoningProperty = "Reasoning";
    private const string CreatedProperty = "CreatedUtc";
    private static readonly string[] Select = ["RowKey", VerdictProperty, ConfidenceProperty, ReasoningProperty];

    private readonly CacheTable _table;

    /// <param name="service">The account's table service.</param>
    /// <param name="tableName">Created when missing.</param>
    /// <param name="maxConcurrency">Requests in flight at once for one call.</param>
    public TableJudgementCache(TableServiceClient service, string tableName = DefaultTableName, int maxConcurrency = 32)
        : this((service ?? throw new ArgumentNullException(nameof(service))).GetTableClient(tableName), maxConcurrency)
    {
    }

    /// <param name="table">Created when missing.</param>
    /// <param name="maxConcurrency">Requests in flight at once for one call.</param>
    public TableJudgementCache(TableClient table, int maxConcurrency = 32)
    {
        _table = new CacheTable(table, maxConcurrency);
    }

    /// <summary>The table's name.</summary>
    public string TableName => _table.Name;

    public async Task<IReadOnlyDictionary<string, Judgement>> GetManyAsync(
        IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, Judgement>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        var tableKeys = keys.Distinct(StringComparer.Ordinal)
            .Select(key =>
            {
                TableKeys.ValidateRowKey(key, nameof(keys));
                return (TableKeys.Bucket(key), key);
            })
            .ToArray();
        foreach (var entity in await _table.GetManyAsync(tableKeys, Select, cancellationToken).ConfigureAwait(false))
        {
            found[entity.RowKey] = new Judgement(
                entity.GetBoolean(VerdictProperty),
                entity.GetDouble(ConfidenceProperty),
                entity.GetString(ReasoningProperty));
        }

        return found;
    }

    public async Task SetManyAsync(
        IReadOnlyCollection<KeyValuePair<string, Judgement>> judgementsByKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judgementsByKey);
        // Validate the whole batch before writing any of it, so a refused batch stores nothing.
        var latest = new Dictionary<string, Judgement>(judgementsByKey.Count, StringComparer.Ordinal);
        foreach (var (key, judgement) in judgementsByKey)
        {
            TableKeys.ValidateRowKey(key, nameof(judgementsByKey));
            JudgementCacheRules.RequireVerdict(key, judgement, nameof(judgementsByKey));
            latest[key] = judgement;
        }

        var now = DateTimeOffset.UtcNow;
        var entities = latest.Select(pair =>
        {
            var reasoning = pair.Value.Reasoning is { Length: > MaxReasoningLength } text ? text[..MaxReasoningLength] : pair.Value.Reasoning;
            var entity = new TableEntity(TableKeys.Bucket(pair.Key), pair.Key)
            {
                [VerdictProperty] = pair.Value.IsContradiction!.Value,
                [ConfidenceProperty] = pair.Value.Confidence!.Value,
                [ReasoningProperty] = reasoning,
                [CreatedProperty] = now,
            };
            return (entity, 512L + (pair.Key.Length * 2) + ((reasoning?.Length ?? 0) * 3));
        });
        await _table.UpsertAsync(entities, cancellationToken).ConfigureAwait(false);
    }
}
