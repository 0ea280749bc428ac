using System.Runtime.InteropServices;
using Kimera.Engine.Embeddings;
using Microsoft.Data.Sqlite;

namespace Kimera.Storage.Sqlite;

/// <summary>The embedded embedding cache: one SQLite file, key = (model id, SHA-256 of the text), value = the float32 vector.</summary>
/// <remarks>WAL journal so parallel chunks read while one writes; reads and writes are batched into few statements.</remarks>
public sealed class SqliteEmbeddingCache : IEmbeddingCache
{
    // SQLite's default limit on host parameters is 32766; stay far below it.
    private const int ReadBatch = 500;
    private readonly string _connectionString;

    public SqliteEmbeddingCache(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 60,
        }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS embeddings (
                model TEXT NOT NULL,
                text_sha256 TEXT NOT NULL,
                vector BLOB NOT NULL,
                PRIMARY KEY (model, text_sha256)
            ) WITHOUT ROWID;
            """);
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <summary>The default file: <c>$XDG_CACHE_HOME/kimera/cache.db</c> (or the platform's local application data).</summary>
    public static string DefaultPath()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(root))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            root = OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                : System.IO.Path.Combine(home, ".cache");
        }

        return System.IO.Path.Combine(root, "kimera", "cache.db");
    }

    public async Task<IReadOnlyDictionary<string, float[]>> GetManyAsync(
        string modelId, IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(textHashes);
        var found = new Dictionary<string, float[]>(textHashes.Count, StringComparer.Ordinal);
        await using var connection = Open();
        foreach (var batch in textHashes.Chunk(ReadBatch))
        {
            await using var command = connection.CreateCommand();
            var names = new string[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                names[i] = $"$h{i}";
                command.Parameters.AddWithValue(names[i], batch[i]);
            }

            command.Parameters.AddWithValue("$model", modelId);
            command.CommandText = $"SELECT text_sha256, vector FROM embeddings WHERE model = $model AND text_sha256 IN ({string.Join(',', names)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var bytes = (byte[])reader.GetValue(1);
                found[reader.GetString(0)] = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            }
        }

        return found;
    }

    public async Task SetManyAsync(
        string modelId, IReadOnlyCollection<KeyValuePair<string, float[]>> vectorsByTextHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(vectorsByTextHash);
        if (vectorsByTextHash.Count == 0)
        {
            return;
        }

        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO embeddings (model, text_sha256, vector) VALUES ($model, $hash, $vector)";
        var model = command.Parameters.Add("$model", SqliteType.Text);
        var hash = command.Parameters.Add("$hash", SqliteType.Text);
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        model.Value = modelId;
        foreach (var (textHash, values) in vectorsByTextHash)
        {
            hash.Value = textHash;
            vector.Value = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
