namespace Kimera.Cli.Summary;

/// <summary>A table of the readable summary: headers and rows of text cells, rendered by an <see cref="ISummaryOutput"/>.</summary>
public sealed class SummaryTable
{
    public SummaryTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Any(r => r.Count != headers.Count))
        {
            throw new ArgumentException($"Every row needs {headers.Count} cells.", nameof(rows));
        }

        Headers = headers;
        Rows = rows;
    }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>The widest cell (or header) of each column.</summary>
    public IReadOnlyList<int> ColumnWidths =>
        Headers.Select((header, c) => Rows.Select(r => r[c].Length).Append(header.Length).Max()).ToArray();
}
