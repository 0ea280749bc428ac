namespace Kimera.Cli.Summary;

/// <summary>Where the readable summary goes: a terminal (<see cref="AnsiSummaryOutput"/>) or a pipe, file or CI log
/// (<see cref="PlainSummaryOutput"/>).</summary>
public interface ISummaryOutput
{
    /// <summary>Columns available: <c>COLUMNS</c> when set, else the terminal's width, else 80.</summary>
    int Width { get; }

    /// <summary>Columns <paramref name="table"/> takes when written.</summary>
    int WidthOf(SummaryTable table);

    void Line(string text, SummaryStyle style = SummaryStyle.Normal);

    void Table(SummaryTable table);
}
