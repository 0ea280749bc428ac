using System.Globalization;
using Kimera.Reporting.Charts;
using static Kimera.Reporting.Cells;

namespace Kimera.Reporting.Sections;

/// <summary>A sweep run: accuracy, F1 and AUROC against the swept value, with their intervals, as a chart and a table.</summary>
internal sealed class SweepSection : IReportSection
{
    public void Write(ReportPage page)
    {
        if (page.Statistics.Sweep is not { } sweep)
        {
            return;
        }

        var html = page.Output;
        var points = sweep.Points;
        double[] xs = [.. points.Select(p => p.Value)];
        List<SweepSeries> series =
        [
            new("accuracy", ReportPage.Palette[0], LineStyle.Of(0), [.. points.Select(p => p.Accuracy)], [.. points.Select(p => p.AccuracyCi)]),
            new("F1", ReportPage.Palette[1], LineStyle.Of(1), [.. points.Select(p => p.F1)], [.. points.Select(p => p.F1Ci)]),
            new("AUROC", ReportPage.Palette[2], LineStyle.Of(2), [.. points.Select(p => p.Auroc)], [.. points.Select(p => p.AurocCi)]),
        ];
        html.Append("<section id=\"sweep\"><h2>").Append(Html.Text($"Sweep of {sweep.Parameter}")).Append("</h2>");
        if (sweep.Note is { } note)
        {
            html.Append("<p class=\"notice\">").Append(Html.Text(note)).Append("; the variants are tied, whatever their scores.</p>");
        }

        html.Append("<div class=\"charts\">")
            .Append(SvgChart.Sweep($"Accuracy, F1 and AUROC against {sweep.Parameter}", sweep.Parameter, "metric", xs, series))
            .Append("</div><table><thead><tr><th>").Append(Html.Text(sweep.Parameter)).Append("</th><th>judge</th><th>accuracy</th><th>F1</th><th>AUROC</th></tr></thead><tbody>");
        foreach (var p in points)
        {
            html.Append("<tr><th scope=\"row\">").Append(Html.Text(p.Value.ToString("0.####", CultureInfo.InvariantCulture))).Append("</th>")
                .Append(Cell(p.Judge))
                .Append(CellCi(p.Accuracy, p.AccuracyCi))
                .Append(CellCi(p.F1, p.F1Ci))
                .Append(CellCi(p.Auroc, p.AurocCi))
                .Append("</tr>");
        }

        html.Append("</tbody></table><p class=\"note\">Each value of the swept option is one Kimera variant of the same run (same pairs, same embeddings). Whiskers and shaded bands: ")
            .Append(page.Level()).Append(" bootstrap intervals.</p></section>\n");
    }
}
