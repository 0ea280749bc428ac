using Azure.Data.Tables;

namespace Kimera.Storage.AzureTables;

/// <summary>Parallel point reads and per-partition transactional writes, shared by the Table caches.</summary>
internal static class TableBatches
{
    /// <summary>Table Storage takes at most 100 operations in one transaction, all in one partition.</summary>
    public const int MaxTransactionActions = 100;

    // A transaction's payload is limited to 4 MiB; keep a margin for the JSON and multipart envelope.
    private const long MaxTransactionBytes = 3L * 1024 * 1024;

    /// <summary>Upserts (replace) every entity: grouped by partition, cut into transactions of at most 100 entities
    /// and 3 MiB, the transactions sent <paramref name="maxConcurrency"/> at a time.</summary>
    public static async Task UpsertAsync(
        TableClient table, IEnumerable<(TableEntity Entity, long Bytes)> entities, int maxConcurrency, CancellationToken cancellationToken)
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

        await Parallel.ForEachAsync(
            transactions,
            new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken },
            async (actions, ct) => await table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Point-reads every (partition, row) key, <paramref name="maxConcurrency"/> at a time; returns the entities found.</summary>
    /// <remarks>Point reads are the cheapest and fastest Table query; a filter of OR-ed row keys would scan the partition.</remarks>
    public static async Task<IReadOnlyList<TableEntity>> GetManyAsync(
        TableClient table, IReadOnlyList<(string PartitionKey, string RowKey)> keys, IReadOnlyList<string> select,
        int maxConcurrency, CancellationToken cancellationToken)
    {
        var found = new TableEntity?[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var response = await table.GetEntityIfExistsAsync<TableEntity>(keys[i].PartitionKey, keys[i].RowKey, select, ct).ConfigureAwait(false);
                found[i] = response.HasValue ? response.Value : null;
            }).ConfigureAwait(false);
        return found.OfType<TableEntity>().ToArray();
    }
}
