using Kimera.Pipeline.Artifacts;

namespace Kimera.Pipeline.RunComparisons;

/// <summary>One run's results read whole for a comparison: a run folder's <c>pairs.csv</c>, or any results table with
/// the columns <c>kimera analyze</c> reads plus <c>pair_id</c>, read by the same <see cref="PairResultsReader"/> and
/// checked the same way.</summary>
public sealed class RunResultsTable
{
    private RunResultsTable(string source, IReadOnlyList<string> judges, IReadOnlyList<ResultRow> rows)
    {
        Source = source;
        Judges = judges;
        Rows = rows;
    }

    /// <summary>The results file read (a run folder's <c>pairs.csv</c> when a folder was given).</summary>
    public string Source { get; }

    /// <summary>Judge names in column order (repeat columns <c>J@k</c> included).</summary>
    public IReadOnlyList<string> Judges { get; }

    public IReadOnlyList<ResultRow> Rows { get; }

    /// <summary>The results file of <paramref name="path"/>: the path itself, or <c>pairs.csv</c> inside a run folder.</summary>
    public static string ResultsFileOf(string path) =>
        Directory.Exists(path) ? Path.Combine(path, RunArtifacts.Pairs) : path;

    /// <summary>Reads every row of a run folder or results table.</summary>
    /// <exception cref="FileNotFoundException">No such file, or a folder without pairs.csv.</exception>
    /// <exception cref="InvalidDataException">A missing column, a bad value, a row without a pair id or an id twice; the
    /// message names the file and line.</exception>
    public static async Task<RunResultsTable> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = ResultsFileOf(path);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException(
                Directory.Exists(path) ? $"'{path}' is a folder without {RunArtifacts.Pairs}; give a run folder or a results table." : $"file '{path}' does not exist.", file);
        }

        await using var stream = File.OpenRead(file);
        await using var reader = await PairResultsReader.OpenAsync(stream, file, cancellationToken).ConfigureAwait(false);
        reader.RequireStatisticsColumns();
        var rows = new List<ResultRow>();
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            reader.RequireFiniteScores(row);
            if (string.IsNullOrWhiteSpace(row.PairId))
            {
                throw new InvalidDataException($"{file}: line {row.Line}: no pair_id; runs are compared pair by pair, matched by the 'pair_id' column.");
            }

            if (!lines.TryAdd(row.PairId, row.Line))
            {
                throw new InvalidDataException($"{file}: line {row.Line}: pair id '{row.PairId}' again (first on line {lines[row.PairId]}); each pair id must be unique to match the runs.");
            }

            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{file}: no rows after the header.");
        }

        return new RunResultsTable(file, reader.Judges, rows);
    }
}
