using System.Globalization;
using System.Text;

namespace Kimera.Reporting.Charts;

/// <summary>
/// Writes the report's charts as inline SVG. Written by hand rather than with ScottPlot 5.1.59, which was tried
/// here and does render headless on Linux, because its SVG does not fit an inline, self-contained report: it needs
/// SkiaSharp's native library in Kimera.Reporting (which also runs in Functions), it bakes per-glyph x positions measured
/// with a server font ("DejaVu Serif") that the reader's browser may not have, and it gives every chart the same
/// clip-path ids, which collide when several charts share one HTML document. The charts needed here (curves on the
/// unit square, horizontal bars with interval whiskers) are a few dozen lines of SVG each.
/// </summary>
internal static class SvgChart
{
    private const double Width = 440;
    private const double Height = 400;
    private const double Left = 56;
    private const double Right = 16;
    private const double Top = 34;
    private const double Bottom = 50;

    /// <summary>Curves on the unit square with a grid every 0.2, an optional dashed reference line and a legend below the plot.</summary>
    public static string UnitSquare(
        string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series,
        (double X1, double Y1, double X2, double Y2, string Label)? reference)
    {
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double Px(double x) => Left + (Math.Clamp(x, 0, 1) * plotW);
        double Py(double y) => Top + ((1 - Math.Clamp(y, 0, 1)) * plotH);

        var entries = series.Select(s => new LegendEntry(s.Name, s.Color, LegendMark.Line, s.Style)).ToList();
        if (reference is { } rl)
        {
            entries.Add(new LegendEntry(rl.Label, "#888888", LegendMark.Dashed));
        }

        var legend = LegendLayout.Below(entries, Left, Height, plotW);
        var svg = Open(Math.Max(Width, legend.Box.Right + Right), legend.Box.Bottom + 8, title);
        svg.Append(F($"<text class=\"chart-title\" x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\">{Html.Text(title)}</text>"));
        for (var k = 0; k <= 5; k++)
        {
            var v = k / 5.0;
            svg.Append(F($"<line class=\"grid\" x1=\"{Px(v):0.##}\" y1=\"{Top:0.##}\" x2=\"{Px(v):0.##}\" y2=\"{Top + plotH:0.##}\"/>"));
            svg.Append(F($"<line class=\"grid\" x1=\"{Left:0.##}\" y1=\"{Py(v):0.##}\" x2=\"{Left + plotW:0.##}\" y2=\"{Py(v):0.##}\"/>"));
            svg.Append(F($"<text class=\"tick\" x=\"{Px(v):0.##}\" y=\"{Top + plotH + 16:0.##}\" text-anchor=\"middle\">{v:0.0}</text>"));
            svg.Append(F($"<text class=\"tick\" x=\"{Left - 6:0.##}\" y=\"{Py(v) + 4:0.##}\" text-anchor=\"end\">{v:0.0}</text>"));
        }

        svg.Append(F($"<rect class=\"frame\" x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\"/>"));
        svg.Append(F($"<text class=\"axis-label\" x=\"{Left + (plotW / 2):0.##}\" y=\"{Height - 12}\" text-anchor=\"middle\">{Html.Text(xLabel)}</text>"));
        svg.Append(F($"<text class=\"axis-label\" transform=\"translate(16 {Top + (plotH / 2):0.##}) rotate(-90)\" text-anchor=\"middle\">{Html.Text(yLabel)}</text>"));

        if (reference is { } r)
        {
            svg.Append(F($"<line class=\"reference\" x1=\"{Px(r.X1):0.##}\" y1=\"{Py(r.Y1):0.##}\" x2=\"{Px(r.X2):0.##}\" y2=\"{Py(r.Y2):0.##}\"><title>{Html.Text(r.Label)}</title></line>"));
        }

        foreach (var s in series)
        {
            if (s.X.Count == 0)
            {
                continue;
            }

            var d = new StringBuilder();
            d.Append(F($"M{Px(s.X[0]):0.##} {Py(s.Y[0]):0.##}"));
            for (var i = 1; i < s.X.Count; i++)
            {
                if (s.Step)
                {
                    d.Append(F($"H{Px(s.X[i]):0.##}"));
                }

                d.Append(F($"L{Px(s.X[i]):0.##} {Py(s.Y[i]):0.##}"));
            }

            svg.Append(F($"<path class=\"curve {s.CssClass}\" data-series=\"{Html.Attribute(s.Name)}\" stroke=\"{s.Color}\"{DashAttribute(s.Style)} d=\"{d}\"><title>{Html.Text(s.Name)}</title></path>"));
            if (s.Style is { } style)
            {
                // A few markers spread along the curve (by point index), so each line is known by its shape too.
                var count = Math.Min(s.X.Count, 9);
                foreach (var i in Enumerable.Range(0, count).Select(k => count == 1 ? 0 : (int)Math.Round((double)k * (s.X.Count - 1) / (count - 1))).Distinct())
                {
                    svg.Append(Marker(style, s.Color, Px(s.X[i]), Py(s.Y[i])));
                }
            }
        }

        Legend(svg, entries, legend);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal grouped bars on [0, 1] with interval whiskers and the pair count of each bar.</summary>
    public static string Bars(string title, string valueLabel, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, IReadOnlyList<IReadOnlyList<long>> counts)
    {
        const double barH = 14;
        const double gap = 10;
        var left = Math.Clamp(12 + (categories.DefaultIfEmpty(string.Empty).Max(c => c.Length) * 6.6), 70, 190);
        var groupH = (series.Count * barH) + gap;
        var plotH = Math.Max(groupH * categories.Count, 20);
        var width = 520.0;
        var plotW = width - left - 70;
        double Px(double v) => left + (Math.Clamp(v, 0, 1) * plotW);

        List<LegendEntry> entries = [.. series.Select(s => new LegendEntry(s.Name, s.Color, LegendMark.Bar))];
        var legend = LegendLayout.Below(entries, left, Top + plotH + 38, plotW);
        var svg = Open(Math.Max(width, legend.Box.Right + Right), legend.Box.Bottom + 8, title);
        svg.Append(F($"<text class=\"chart-title\" x=\"{width / 2}\" y=\"20\" text-anchor=\"middle\">{Html.Text(title)}</text>"));
        for (var k = 0; k <= 5; k++)
        {
            var v = k / 5.0;
            svg.Append(F($"<line class=\"grid\" x1=\"{Px(v):0.##}\" y1=\"{Top}\" x2=\"{Px(v):0.##}\" y2=\"{Top + plotH:0.##}\"/>"));
            svg.Append(F($"<text class=\"tick\" x=\"{Px(v):0.##}\" y=\"{Top + plotH + 14:0.##}\" text-anchor=\"middle\">{v:0.0}</text>"));
        }

        svg.Append(F($"<text class=\"axis-label\" x=\"{left + (plotW / 2):0.##}\" y=\"{Top + plotH + 30:0.##}\" text-anchor=\"middle\">{Html.Text(valueLabel)}</text>"));
        for (var c = 0; c < categories.Count; c++)
        {
            var y0 = Top + (c * groupH) + (gap / 2);
            svg.Append(F($"<text class=\"category\" x=\"{left - 6:0.##}\" y=\"{y0 + (series.Count * barH / 2) + 4:0.##}\" text-anchor=\"end\">{Html.Text(categories[c])}</text>"));
            for (var s = 0; s < series.Count; s++)
            {
                var y = y0 + (s * barH);
                if (series[s].Values[c] is not { } value)
                {
                    svg.Append(F($"<text class=\"tick\" x=\"{left + 4:0.##}\" y=\"{y + barH - 3:0.##}\">no pairs</text>"));
                    continue;
                }

                var tip = F($"{series[s].Name} · {categories[c]}: {value:0.000} ({counts[s][c]} pairs)");
                svg.Append(F($"<rect class=\"bar\" x=\"{left:0.##}\" y=\"{y + 1:0.##}\" width=\"{Px(value) - left:0.##}\" height=\"{barH - 2}\" fill=\"{series[s].Color}\"><title>{Html.Text(tip)}</title></rect>"));
                var end = Px(value);
                if (series[s].Intervals[c] is { Count: 2 } ci)
                {
                    var mid = y + (barH / 2);
                    svg.Append(F($"<path class=\"whisker\" d=\"M{Px(ci[0]):0.##} {mid:0.##}H{Px(ci[1]):0.##}M{Px(ci[0]):0.##} {mid - 4:0.##}v8M{Px(ci[1]):0.##} {mid - 4:0.##}v8\"/>"));
                    end = Math.Max(end, Px(ci[1]));
                }

                svg.Append(F($"<text class=\"tick\" x=\"{end + 4:0.##}\" y=\"{y + barH - 3:0.##}\">{value:0.00} (n={counts[s][c]})</text>"));
            }
        }

        Legend(svg, entries, legend);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Metrics on [0, 1] against a swept value: a line with a marker per value, a shaded band between the interval
    /// ends and a whisker at each value; x ticks at the swept values (at most 11 labelled).</summary>
    public static string Sweep(string title, string xLabel, string yLabel, IReadOnlyList<double> xs, IReadOnlyList<SweepSeries> series)
    {
        const double width = 620;
        var plotW = width - Left - Right;
        var plotH = Height - Top - Bottom;
        var (min, max) = xs.Count == 0 ? (0.0, 1.0) : (xs.Min(), xs.Max());
        var pad = max > min ? (max - min) * 0.05 : 0.5;
        double Px(double x) => Left + ((x - min + pad) / (max - min + (2 * pad)) * plotW);
        double Py(double y) => Top + ((1 - Math.Clamp(y, 0, 1)) * plotH);

        List<LegendEntry> entries = [.. series.Select(s => new LegendEntry(s.Name, s.Color, LegendMark.Line, s.Style))];
        var legend = LegendLayout.Below(entries, Left, Height, plotW);
        var svg = Open(Math.Max(width, legend.Box.Right + Right), legend.Box.Bottom + 8, title);
        svg.Append(F($"<text class=\"chart-title\" x=\"{width / 2}\" y=\"20\" text-anchor=\"middle\">{Html.Text(title)}</text>"));
        for (var k = 0; k <= 5; k++)
        {
            var v = k / 5.0;
            svg.Append(F($"<line class=\"grid\" x1=\"{Left:0.##}\" y1=\"{Py(v):0.##}\" x2=\"{Left + plotW:0.##}\" y2=\"{Py(v):0.##}\"/>"));
            svg.Append(F($"<text class=\"tick\" x=\"{Left - 6:0.##}\" y=\"{Py(v) + 4:0.##}\" text-anchor=\"end\">{v:0.0}</text>"));
        }

        var every = Math.Max(1, (int)Math.Ceiling(xs.Count / 11.0));
        for (var i = 0; i < xs.Count; i++)
        {
            svg.Append(F($"<line class=\"grid\" x1=\"{Px(xs[i]):0.##}\" y1=\"{Top:0.##}\" x2=\"{Px(xs[i]):0.##}\" y2=\"{Top + plotH:0.##}\"/>"));
            if (i % every == 0)
            {
                svg.Append(F($"<text class=\"tick\" x=\"{Px(xs[i]):0.##}\" y=\"{Top + plotH + 16:0.##}\" text-anchor=\"middle\">{xs[i]:0.####}</text>"));
            }
        }

        svg.Append(F($"<rect class=\"frame\" x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\"/>"));
        svg.Append(F($"<text class=\"axis-label\" x=\"{Left + (plotW / 2):0.##}\" y=\"{Height - 12}\" text-anchor=\"middle\">{Html.Text(xLabel)}</text>"));
        svg.Append(F($"<text class=\"axis-label\" transform=\"translate(16 {Top + (plotH / 2):0.##}) rotate(-90)\" text-anchor=\"middle\">{Html.Text(yLabel)}</text>"));

        for (var n = 0; n < series.Count; n++)
        {
            var s = series[n];
            // Each metric's whiskers sit a little apart from the others' at the same value, so overlapping intervals stay readable.
            var dodge = (n - ((series.Count - 1) / 2.0)) * 5;
            var withCi = Enumerable.Range(0, xs.Count).Where(i => s.Values[i] is not null && s.Intervals[i] is { Count: 2 }).ToList();
            if (withCi.Count > 1)
            {
                var upper = string.Join(" ", withCi.Select(i => F($"{Px(xs[i]):0.##},{Py(s.Intervals[i]![1]):0.##}")));
                var lower = string.Join(" ", withCi.AsEnumerable().Reverse().Select(i => F($"{Px(xs[i]):0.##},{Py(s.Intervals[i]![0]):0.##}")));
                svg.Append(F($"<polygon class=\"band\" fill=\"{s.Color}\" points=\"{upper} {lower}\"/>"));
            }

            var defined = Enumerable.Range(0, xs.Count).Where(i => s.Values[i] is not null).ToList();
            if (defined.Count > 0)
            {
                var d = string.Concat(defined.Select((i, n) => F($"{(n == 0 ? "M" : "L")}{Px(xs[i]):0.##} {Py(s.Values[i]!.Value):0.##}")));
                svg.Append(F($"<path class=\"curve sweep\" data-series=\"{Html.Attribute(s.Name)}\" stroke=\"{s.Color}\"{DashAttribute(s.Style)} d=\"{d}\"><title>{Html.Text(s.Name)}</title></path>"));
            }

            foreach (var i in defined)
            {
                var (x, y) = (Px(xs[i]), Py(s.Values[i]!.Value));
                if (s.Intervals[i] is { Count: 2 } ci)
                {
                    svg.Append(F($"<path class=\"whisker\" style=\"stroke:{s.Color}\" d=\"M{x + dodge:0.##} {Py(ci[0]):0.##}V{Py(ci[1]):0.##}M{x + dodge - 3:0.##} {Py(ci[0]):0.##}h6M{x + dodge - 3:0.##} {Py(ci[1]):0.##}h6\"/>"));
                }

                var interval = s.Intervals[i] is { Count: 2 } c ? F($" [{c[0]:0.000}, {c[1]:0.000}]") : string.Empty;
                var tip = F($"{s.Name} at {xs[i]:0.####}: {s.Values[i]!.Value:0.000}{interval}");
                svg.Append(Marker(s.Style, s.Color, x, y, tip));
            }
        }

        Legend(svg, entries, legend);
        return svg.Append("</svg>").ToString();
    }

    private static string DashAttribute(LineStyle? style) => style?.Dash is { } dash ? $" stroke-dasharray=\"{dash}\"" : string.Empty;

    private static string Marker(LineStyle style, string color, double x, double y, string? tip = null) =>
        F($"<path class=\"marker\" d=\"{style.MarkerPath(x, y)}\" {(style.Outline ? $"fill=\"none\" stroke=\"{color}\"" : $"fill=\"{color}\"")}>{(tip is null ? string.Empty : $"<title>{Html.Text(tip)}</title>")}</path>");

    /// <summary>A legend whose marks look like what they name: a line of the curve's width, the dashed reference line, a bar's
    /// filled box; placed by <paramref name="layout"/>, outside the plot area.</summary>
    private static void Legend(StringBuilder svg, IReadOnlyList<LegendEntry> entries, LegendLayout layout)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var box = layout.Box;
        svg.Append(F($"<g class=\"legend\"><rect class=\"legend-box\" x=\"{box.X:0.##}\" y=\"{box.Y:0.##}\" width=\"{box.Width:0.##}\" height=\"{box.Height:0.##}\"/>"));
        for (var i = 0; i < entries.Count; i++)
        {
            var (x, y) = layout.EntryAt(i);
            var (name, color, mark, style) = entries[i];
            svg.Append(mark switch
            {
                LegendMark.Bar => F($"<rect class=\"legend-mark bar\" x=\"{x + 8:0.##}\" y=\"{y - 10:0.##}\" width=\"16\" height=\"12\" fill=\"{color}\"/>"),
                LegendMark.Dashed => F($"<line class=\"legend-mark reference\" x1=\"{x + 6:0.##}\" y1=\"{y - 4:0.##}\" x2=\"{x + 26:0.##}\" y2=\"{y - 4:0.##}\" stroke=\"{color}\"/>"),
                _ => F($"<line class=\"legend-mark curve\" x1=\"{x + 6:0.##}\" y1=\"{y - 4:0.##}\" x2=\"{x + 26:0.##}\" y2=\"{y - 4:0.##}\" stroke=\"{color}\"{DashAttribute(style)}/>"),
            });
            if (style is not null)
            {
                svg.Append(Marker(style, color, x + 16, y - 4));
            }

            svg.Append(F($"<text class=\"legend-text\" x=\"{x + 30:0.##}\" y=\"{y:0.##}\">{Html.Text(name)}</text>"));
        }

        svg.Append("</g>");
    }

    private static StringBuilder Open(double width, double height, string title) =>
        new StringBuilder().Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width:0.##} {height:0.##}\" width=\"{width:0.##}\" height=\"{height:0.##}\" role=\"img\" aria-label=\"{Html.Attribute(title)}\">"));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
