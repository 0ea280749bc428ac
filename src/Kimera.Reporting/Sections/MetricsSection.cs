using System.Globalization;
using static Kimera.Reporting.Cells;

namespace Kimera.Reporting.Sections;

/// <summary>Every judge's metrics with their intervals, and what its counts mean.</summary>
internal sealed class MetricsSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var statistics = page.Statistics;
        var html = page.Output;
        var level = page.Level();
        html.Append("<section id=\"metrics\"><h2>Metrics per judge</h2>");
        if (!statistics.HasLabels)
        {
            html.Append("<p class=\"notice\">No labels: accuracy, precision, recall, F1 and AUROC cannot be measured. Only the share of pairs each judge called a contradiction is shown.</p>");
        }

        html.Append("<table><thead><tr><th>judge</th><th>accuracy</th><th>precision</th><th>recall</th><th>F1</th><th>macro F1</th><th>AUROC</th><th>avg. precision</th><th>evaluated</th><th>judged</th><th>errors</th><th>positive rate</th></tr></thead><tbody>");
        foreach (var (name, j) in statistics.Judges)
        {
            html.Append("<tr><th scope=\"row\">").Append(page.Swatch(name)).Append(Html.Text(name)).Append("</th>")
                .Append(CellCi(j.Accuracy, j.Ci?.Accuracy))
                .Append(Cell(Fmt.Metric(j.Precision)))
                .Append(Cell(Fmt.Metric(j.Recall)))
                .Append(CellCi(j.F1, j.Ci?.F1))
                .Append(Cell(Fmt.Metric(j.MacroF1)))
                .Append(CellCi(j.Auroc, j.Ci?.Auroc))
                .Append(Cell(Fmt.Metric(j.AveragePrecision)))
                .Append(Cell(Fmt.Count(j.Evaluated)))
                .Append(Cell(Fmt.Count(j.Judged)))
                .Append(Cell(Fmt.Count(j.Errors)))
                .Append(Cell(Fmt.Percent(j.PositiveRate)))
                .Append("</tr>");
        }

        html.Append("</tbody></table><p class=\"note\">Brackets: ").Append(level).Append(' ')
            .Append(statistics.Settings.BootstrapResamples > 0
                ? $"percentile bootstrap intervals ({Fmt.Count(statistics.Settings.BootstrapResamples)} resamples, seed {statistics.Settings.Seed.ToString(CultureInfo.InvariantCulture)})"
                : "intervals (bootstrap turned off: none computed)")
            .Append(". Metrics use the labelled pairs a judge gave a verdict on (<em>evaluated</em>); pairs it could not judge are its <em>errors</em> and are left out. <em>Positive rate</em>: share of judged pairs called a contradiction.</p></section>\n");
    }
}
