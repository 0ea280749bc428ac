using Spectre.Console;

namespace Kimera.Cli.Summary;

/// <summary>The summary on a terminal: styled lines and tables with a rounded border (Spectre.Console).</summary>
public sealed class AnsiSummaryOutput : ISummaryOutput
{
    private readonly IAnsiConsole _console;

    public AnsiSummaryOutput(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
    }

    public int Width => _console.Profile.Width;

    public int WidthOf(SummaryTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        // A bordered table: one padding space each side of every cell, a border before every column and after the last.
        return table.ColumnWidths.Sum(w => w + 3) + 1;
    }

    public void Line(string text, SummaryStyle style = SummaryStyle.Normal)
    {
        var escaped = Markup.Escape(text);
        _console.MarkupLine(style switch
        {
            SummaryStyle.Bold => $"[bold]{escaped}[/]",
            SummaryStyle.Warning => $"[yellow]{escaped}[/]",
            SummaryStyle.Error => $"[red]{escaped}[/]",
            _ => escaped,
        });
    }

    public void Table(SummaryTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rendered = new Table().Border(TableBorder.Rounded);
        for (var c = 0; c < table.Headers.Count; c++)
        {
            var column = new TableColumn(new Text(table.Headers[c])).NoWrap();
            rendered.AddColumn(c == 0 ? column : column.RightAligned());
        }

        foreach (var row in table.Rows)
        {
            rendered.AddRow(row.Select(cell => new Text(cell)).ToArray());
        }

        _console.Write(rendered);
    }
}
