using System.Globalization;
using System.Text.RegularExpressions;
using Kimera.Reporting.Charts;

namespace Kimera.Reporting.Tests;

/// <summary>
/// The layout rule of the charts' legends (issue 24, charts never hide data): a legend sits below the plot area, never on
/// it, in as many columns as fit the plot's width, and the chart grows to hold it. Checked on the layout worked out by
/// hand and on the SVG the charts write, for one, two and ten series: the legend's box is read back from the SVG and no
/// plot area, curve point, band, marker or bar falls inside it. The browser test (ChartLegendBrowserTests in
/// Kimera.Cli.Tests) measures the same on report pages rendered by Chromium.
/// </summary>
public sealed partial class ChartLegendLayoutTests
{
    // The unit-square chart: 440 × 400 before its legend, plot from x 56 to 424 (368 wide), y 34 to 350.
    private const double PlotLeft = 56, PlotWidth = 368, ChartHeight = 400;

    [Fact]
    public void Three_short_entries_fit_one_row_under_the_plot()
    {
        // Each entry: 34 (mark) + 10 characters × 6.6 + 10 (gap) = 110 wide; ⌊368 / 110⌋ → 3 columns, 1 row of 18 + 4.
        var layout = LegendLayout.Below(Entries(3, length: 10), PlotLeft, ChartHeight, PlotWidth);

        Assert.Equal((3, 1, 110.0), (layout.Columns, layout.Rows, layout.ColumnWidth));
        Assert.Equal(new ChartBox(56, 400, 330, 22), layout.Box);
        Assert.Equal((276.0, 413.0), layout.EntryAt(2));
    }

    [Fact]
    public void Eleven_entries_fill_two_columns_top_to_bottom()
    {
        // 34 + 16 × 6.6 + 10 = 149.6 wide; ⌊368 / 149.6⌋ = 2 columns, ⌈11 / 2⌉ = 6 rows: 6 × 18 + 4 = 112 high. Entry 6 opens the
        // second column; entry 10 is its fifth line (baseline 400 + 13 + 4 × 18).
        var layout = LegendLayout.Below(Entries(11, length: 16), PlotLeft, ChartHeight, PlotWidth);

        Assert.Equal((2, 6), (layout.Columns, layout.Rows));
        Assert.Equal(56, layout.Box.X);
        Assert.Equal(299.2, layout.Box.Width, 9);
        Assert.Equal(112, layout.Box.Height);
        Assert.Equal(205.6, layout.EntryAt(6).X, 9);
        Assert.Equal(413, layout.EntryAt(6).Y);
        Assert.Equal(485, layout.EntryAt(10).Y);
    }

    [Fact]
    public void An_entry_wider_than_the_plot_gets_one_column_and_the_chart_grows_to_hold_it()
    {
        // 34 + 60 × 6.6 + 10 = 440 wide, more than the plot's 368: one column from x 56 to 496, so the chart is 496 + 16 =
        // 512 wide; one entry plus the reference: 2 × 18 + 4 = 40 high from y 400, so the chart is 400 + 40 + 8 = 448 high.
        var name = new string('j', 60);
        var svg = SvgChart.UnitSquare("ROC", "x", "y", [new ChartSeries(name, "#1f6fb4", "roc", [0, 0.5, 1], [0, 0.9, 1])], (0, 0, 1, 1, "chance"));

        Assert.Contains("viewBox=\"0 0 512 448\"", svg, StringComparison.Ordinal);
        Assert.Equal(new ChartBox(56, 400, 440, 40), LegendBox(svg));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public void Unit_square_legends_lie_below_the_plot_area_clear_of_every_curve_point(int judges)
    {
        // Curves through every corner region of the plot, where the old corner legends sat: the bottom right (an inverted
        // judge's ROC) and the bottom left and top (a PR curve falling to precision 0 and ending at precision 1).
        var series = Enumerable.Range(0, judges).Select(k => new ChartSeries(
            string.Create(CultureInfo.InvariantCulture, $"judge{k} (AUROC 0.{k}00)"), "#1f6fb4", "roc",
            [0, 0.1 * k, 1, 1, 0], [0, 0, 0.1 * k, 1, 1], Style: LineStyle.Of(k))).ToList();

        var svg = SvgChart.UnitSquare("ROC", "x", "y", series, (0, 0, 1, 1, "chance"));

        var legend = LegendBox(svg);
        var frame = Rect(svg, "frame");
        Assert.Equal(new ChartBox(56, 34, 368, 316), frame);
        Assert.False(legend.Intersects(frame), $"legend {legend} overlaps the plot area {frame}");
        Assert.True(legend.Y >= 400, "the legend starts below the x axis label");
        AssertInsideViewBox(svg, legend);
        var points = CurvePoints(svg).Concat(MarkerCentres(svg)).ToList();
        Assert.True(points.Count >= judges * 5, $"{points.Count} points read");
        Assert.DoesNotContain(points, p => legend.Contains(p.X, p.Y));
    }

    [Fact]
    public void The_sweep_legend_lies_below_its_plot_clear_of_lines_bands_and_markers()
    {
        double[] xs = [.. Enumerable.Range(0, 10).Select(k => 0.5 + (0.05 * k))];
        List<SweepSeries> series = [.. Enumerable.Range(0, 3).Select(m => new SweepSeries(
            $"metric {m}", "#1f6fb4", LineStyle.Of(m),
            [.. xs.Select((_, k) => (double?)(k % 2 == 0 ? 0.02 : 0.98))],
            [.. xs.Select(_ => (IReadOnlyList<double>?)[0, 1])]))];

        var svg = SvgChart.Sweep("Sweep", "threshold", "metric", xs, series);

        var legend = LegendBox(svg);
        Assert.False(legend.Intersects(Rect(svg, "frame")));
        AssertInsideViewBox(svg, legend);
        var points = CurvePoints(svg).Concat(MarkerCentres(svg)).Concat(BandPoints(svg)).ToList();
        Assert.True(points.Count >= 3 * 10 * 3, $"{points.Count} points read");
        Assert.DoesNotContain(points, p => legend.Contains(p.X, p.Y));
    }

    [Fact]
    public void The_bar_legend_of_ten_judges_lies_below_the_bars_and_inside_the_chart()
    {
        List<BarSeries> series = [.. Enumerable.Range(0, 10).Select(k => new BarSeries($"judge{k}", "#1f6fb4", [1.0, 0.5], [[0.0, 1.0], null]))];

        var svg = SvgChart.Bars("Accuracy by language", "accuracy", ["en", "fr"], series, [.. series.Select(_ => (IReadOnlyList<long>)[10, 10])]);

        var legend = LegendBox(svg);
        var bars = Rects(svg, "bar").ToList();
        Assert.Equal(20, bars.Count);
        Assert.DoesNotContain(bars, b => b.Intersects(legend));
        Assert.True(legend.Y > bars.Max(b => b.Bottom));
        AssertInsideViewBox(svg, legend);
    }

    private static List<LegendEntry> Entries(int count, int length) =>
        [.. Enumerable.Range(0, count).Select(_ => new LegendEntry(new string('a', length), "#000000", LegendMark.Line))];

    private static void AssertInsideViewBox(string svg, ChartBox box)
    {
        var view = ViewBox().Match(svg);
        Assert.True(view.Success);
        var (width, height) = (Number(view.Groups["w"].Value), Number(view.Groups["h"].Value));
        Assert.True(box.X >= 0 && box.Y >= 0 && box.Right <= width && box.Bottom <= height, $"legend {box} outside the chart's {width} × {height}");
    }

    private static ChartBox LegendBox(string svg) => Assert.Single(Rects(svg, "legend-box"));

    private static ChartBox Rect(string svg, string cssClass) => Assert.Single(Rects(svg, cssClass));

    private static IEnumerable<ChartBox> Rects(string svg, string cssClass) =>
        RectElement().Matches(svg).Where(m => m.Groups["class"].Value == cssClass).Select(m => new ChartBox(
            Number(m.Groups["x"].Value), Number(m.Groups["y"].Value), Number(m.Groups["w"].Value), Number(m.Groups["h"].Value)));

    /// <summary>Every M and L point of the curves (an H step ends at the next L point's x, on the previous point's y).</summary>
    private static IEnumerable<(double X, double Y)> CurvePoints(string svg) =>
        CurvePath().Matches(svg).SelectMany(m => MoveOrLine().Matches(m.Groups["d"].Value))
            .Select(p => (Number(p.Groups["x"].Value), Number(p.Groups["y"].Value)));

    /// <summary>The first point of each marker outside the legend (the markers in the legend are the legend's own).</summary>
    private static IEnumerable<(double X, double Y)> MarkerCentres(string svg) =>
        MarkerPath().Matches(svg[..svg.IndexOf("<g class=\"legend\">", StringComparison.Ordinal)])
            .Select(m => (Number(m.Groups["x"].Value), Number(m.Groups["y"].Value)));

    private static IEnumerable<(double X, double Y)> BandPoints(string svg) =>
        BandPolygon().Matches(svg).SelectMany(m => m.Groups["points"].Value.Split(' '))
            .Select(p => p.Split(','))
            .Select(p => (Number(p[0]), Number(p[1])));

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex("viewBox=\"0 0 (?<w>[0-9.]+) (?<h>[0-9.]+)\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex("<rect class=\"(?<class>[a-z -]+)\" x=\"(?<x>[0-9.]+)\" y=\"(?<y>[0-9.]+)\" width=\"(?<w>[0-9.]+)\" height=\"(?<h>[0-9.]+)\"")]
    private static partial Regex RectElement();

    [GeneratedRegex("<path class=\"curve [a-z]+\"[^>]* d=\"(?<d>[^\"]*)\"")]
    private static partial Regex CurvePath();

    [GeneratedRegex("[ML](?<x>-?[0-9.]+) (?<y>-?[0-9.]+)")]
    private static partial Regex MoveOrLine();

    [GeneratedRegex("<path class=\"marker\" d=\"M(?<x>-?[0-9.]+) (?<y>-?[0-9.]+)")]
    private static partial Regex MarkerPath();

    [GeneratedRegex("<polygon class=\"band\"[^>]* points=\"(?<points>[^\"]*)\"")]
    private static partial Regex BandPolygon();
}
