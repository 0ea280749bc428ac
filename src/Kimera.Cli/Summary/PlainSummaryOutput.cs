namespace Kimera.Cli.Summary;

/// <summary>The summary for pipes, files and CI logs: text lines as they are (no markup, no wrapping) and tables as
/// columns aligned with spaces, no box drawing, every cell on one line whatever its width.</summary>
public sealed class PlainSummaryOutput : ISummaryOutput
{
    /// <summary>Spaces between two columns.</summary>
    public const int Gap = 2;

    private readonly TextWriter _output;

    public PlainSummaryOutput(TextWriter output, int width)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _output = output;
        Width = width;
    }

    public int Width { get; }

    public int WidthOf(SummaryTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.ColumnWidths.Sum() + (Gap * (table.Headers.Count - 1));
    }

    public void Line(string text, SummaryStyle style = SummaryStyle.Normal) => _output.WriteLine(text);

    public void Table(SummaryTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var widths = table.ColumnWidths;
        Write(table.Headers);
        foreach (var row in table.Rows)
        {
            Write(row);
        }

        void Write(IReadOnlyList<string> cells)
        {
            // The first column (names) is aligned left, the numbers right, as in any table of figures.
            var padded = cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            _output.WriteLine(string.Join(new string(' ', Gap), padded).TrimEnd());
        }
    }
}
