namespace Kimera.Reporting.Charts;

/// <summary>
/// Where a chart's legend goes: always outside the plot area, in a band below it, so it never hides a series whatever
/// the data (issue 24: a legend in a corner of the plot covered Kimera's curve on SNLI). The entries fill as many equal
/// columns as fit the plot's width, top to bottom then left to right; one entry wider than the plot gets one column, and
/// the chart grows to hold it. The chart's height grows by the legend's rows.
/// </summary>
/// <param name="Box">The legend's rectangle, its framed box.</param>
/// <param name="Columns">Entries side by side.</param>
/// <param name="Rows">Entries one above the other.</param>
/// <param name="ColumnWidth">Width of one entry: its mark, its text and the gap to the next column.</param>
internal sealed record LegendLayout(ChartBox Box, int Columns, int Rows, double ColumnWidth)
{
    /// <summary>Height of one legend line.</summary>
    public const double RowHeight = 18;

    /// <summary>Width of the mark and the gap before the text.</summary>
    private const double MarkWidth = 34;

    /// <summary>The width the text of one character takes at the legend's 12 px font, on average.</summary>
    private const double CharacterWidth = 6.6;

    /// <summary>Room after the longest text, so a column's text never runs into the next column's mark.</summary>
    private const double ColumnGap = 10;

    /// <summary>The legend of <paramref name="entries"/> with its top-left corner at (<paramref name="left"/>,
    /// <paramref name="top"/>), in as many columns as fit <paramref name="width"/> (at least one).</summary>
    public static LegendLayout Below(IReadOnlyList<LegendEntry> entries, double left, double top, double width)
    {
        if (entries.Count == 0)
        {
            return new LegendLayout(new ChartBox(left, top, 0, 0), 0, 0, 0);
        }

        var columnWidth = MarkWidth + (entries.Max(e => e.Name.Length) * CharacterWidth) + ColumnGap;
        var fit = Math.Clamp((int)Math.Floor(width / columnWidth), 1, entries.Count);
        var rows = (entries.Count + fit - 1) / fit;
        var columns = (entries.Count + rows - 1) / rows;
        return new LegendLayout(new ChartBox(left, top, columns * columnWidth, (rows * RowHeight) + 4), columns, rows, columnWidth);
    }

    /// <summary>The left end and text baseline of the <paramref name="index"/>-th entry.</summary>
    public (double X, double Y) EntryAt(int index) =>
        (Box.X + (index / Rows * ColumnWidth), Box.Y + 13 + (index % Rows * RowHeight));
}
