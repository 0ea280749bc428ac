using Azure.Data.Tables;

namespace Kimera.Storage.AzureTables;

/// <summary>The table behind a Table cache: created on first use, read with parallel point reads and written with
/// per-partition transactions, at most <c>maxConcurrency</c> requests in flight per call.</summary>
internal sealed class CacheTable
{
    /// <summary>Table Storage takes at most 100 operations in one transaction, all in one partition.</summary>
    public const int MaxTransactionActions = 100;

    // A transaction's payload is limited to 4 MiB; keep a margin for the JSON and multipart envelope.
    private const long MaxTransactionBytes = 3L * 1024 * 1024;

    private readonly TableClient _table;
    private readonly int _maxConcurrency;
    private readonly Lazy<Task> _created;

    /// <param name="table">Created when missing, on the first read or write.</param>
    /// <param name="maxConcurrency">Requests in flight at once for one call.</param>
    public CacheTable(TableClient table, int maxConcurrency)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _table = table;
        _maxConcurrency = maxConcurrency;
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The table's name.</summary>
    public string Name => _table.Name;

    /// <summary>Upserts (replace) every entity: grouped by partition, cut into transactions of at most 100 entities
    /// and 3 MiB (<c>Bytes</c> estimates an entity's share of the payload), the transactions sent in parallel.</summary>
    public async Task UpsertAsync(IEnumerable<(TableEntity Entity, long Bytes)> entities, CancellationToken cancellationToken)
    {
        var transactions = new List<List<TableTransactionAction>>();
        foreach (var partition in entities.GroupBy(e => e.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var current = new List<TableTransactionAction>();
            long bytes = 0;
            foreach (var (entity, size) in partition)
            {
                if (current.Count == MaxTransactionActions || (current.Count > 0 && bytes + size > MaxTransactionBytes))
                {
                    transactions.Add(current);
                    current = [];
                    bytes = 0;
                }

                current.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                bytes += size;
            }

            transactions.Add(current);
        }

        if (transactions.Count == 0)
        {
            return;
        }

        await _created.Value.ConfigureAwait(false);
        await Parallel.ForEachAsync(
            transactions,
            new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrency, CancellationToken = cancellationToken },
            async (actions, ct) => await _table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Point-reads every (partition, row) key in parallel; returns the entities found.</summary>
    /// <remarks>Point reads are the cheapest and fastest Table query; a filter of OR-ed row keys would scan the partition.</remarks>
    public async Task<IReadOnlyList<TableEntity>> GetManyAsync(
        IReadOnlyList<(string PartitionKey, string RowKey)> keys, IReadOnlyList<string> select, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        await _created.Value.ConfigureAwait(false);
        var found = new TableEntity?[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var response = await _table.GetEntityIfExistsAsync<TableEntity>(keys[i].PartitionKey, keys[i].RowKey, select, ct).ConfigureAwait(false);
                found[i] = response.HasValue ? response.Value : null;
            }).ConfigureAwait(false);
        return found.OfType<TableEntity>().ToArray();
    }
}
