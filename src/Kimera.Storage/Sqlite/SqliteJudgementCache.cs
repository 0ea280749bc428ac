using System.Globalization;
using Kimera.Judging;
using Microsoft.Data.Sqlite;

namespace Kimera.Storage.Sqlite;

/// <summary>An <see cref="IJudgementCache"/> in a SQLite file (table <c>judgements</c>), safe to share between
/// threads and processes; reads and writes go in batches so a run of thousands of pairs costs a few statements.</summary>
public sealed class SqliteJudgementCache : IJudgementCache
{
    // SQLite allows 32,766 host parameters since 3.32; 500 keeps each statement small and the plan cache warm.
    private const int ReadBatchSize = 500;

    private readonly string _connectionString;
    private readonly Lazy<Task> _schema;

    /// <param name="databasePath">The SQLite file; created with its folder when missing.</param>
    public SqliteJudgementCache(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        DatabasePath = fullPath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _schema = new Lazy<Task>(CreateSchemaAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The full path of the SQLite file.</summary>
    public string DatabasePath { get; }

    public async Task<IReadOnlyDictionary<string, Judgement>> GetManyAsync(
        IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, Judgement>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        await _schema.Value.ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var batch in keys.Distinct(StringComparer.Ordinal).Chunk(ReadBatchSize))
        {
            await using var command = connection.CreateCommand();
            var names = new string[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                names[i] = "$k" + i.ToString(CultureInfo.InvariantCulture);
                command.Parameters.AddWithValue(names[i], batch[i]);
            }

            command.CommandText =
                $"SELECT key, is_contradiction, confidence, reasoning FROM judgements WHERE key IN ({string.Join(',', names)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found[reader.GetString(0)] = new Judgement(
                    reader.GetInt64(1) != 0,
                    reader.GetDouble(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3));
            }
        }

        return found;
    }

    public async Task SetManyAsync(
        IReadOnlyCollection<KeyValuePair<string, Judgement>> judgementsByKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(judgementsByKey);
        foreach (var (entryKey, judgement) in judgementsByKey)
        {
            ArgumentException.ThrowIfNullOrEmpty(entryKey, nameof(judgementsByKey));
            JudgementCacheRules.RequireVerdict(entryKey, judgement, nameof(judgementsByKey));
        }

        if (judgementsByKey.Count == 0)
        {
            return;
        }

        await _schema.Value.ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT OR REPLACE INTO judgements (key, is_contradiction, confidence, reasoning, created_utc) VALUES ($key, $verdict, $confidence, $reasoning, $created)";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var verdict = command.Parameters.Add("$verdict", SqliteType.Integer);
        var confidence = command.Parameters.Add("$confidence", SqliteType.Real);
        var reasoning = command.Parameters.Add("$reasoning", SqliteType.Text);
        var created = command.Parameters.Add("$created", SqliteType.Text);
        created.Value = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (k, judgement) in judgementsByKey)
        {
            key.Value = k;
            verdict.Value = judgement.IsContradiction!.Value ? 1 : 0;
            confidence.Value = judgement.Confidence!.Value;
            reasoning.Value = (object?)judgement.Reasoning ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // WAL lets readers and the single writer of parallel chunks proceed without blocking each other.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS judgements (
                key TEXT NOT NULL PRIMARY KEY,
                is_contradiction INTEGER NOT NULL,
                confidence REAL NOT NULL,
                reasoning TEXT NULL,
                created_utc TEXT NOT NULL
            ) WITHOUT ROWID;
            """;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
