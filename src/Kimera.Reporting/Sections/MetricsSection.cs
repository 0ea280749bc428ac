using System.Globalization;
using Kimera.Statistics.Baselines;
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
            .Append(". Metrics use the labelled pairs a judge gave a verdict on (<em>evaluated</em>); pairs it could not judge are its <em>errors</em> and are left out. <em>Positive rate</em>: share of judged pairs called a contradiction.</p>");
        foreach (var note in statistics.HasLabels ? MissingMetrics.Notes(statistics.Judges, Fmt.None) : [])
        {
            html.Append("<p class=\"note\">").Append(Html.Text(note)).Append(".</p>");
        }

        BaselinesTable(page);
        html.Append("</section>\n");
    }

    /// <summary>What answering without reading the texts scores on each judge's evaluated pairs, and the judge against it.</summary>
    private static void BaselinesTable(ReportPage page)
    {
        var judges = page.Statistics.Judges.Where(j => j.Value.Baselines is not null).ToList();
        if (judges.Count == 0)
        {
            return;
        }

        var html = page.Output;
        html.Append("<table id=\"baselines\"><caption>Baselines</caption><thead><tr><th>judge</th><th>contradictions</th><th>majority class</th><th>its accuracy</th><th>its F1</th><th>always &quot;contradiction&quot;: accuracy</th><th>F1</th><th>McNemar exact p, judge vs majority class</th><th>accuracy</th><th>AUROC vs chance (0.5)</th></tr></thead><tbody>");
        foreach (var (name, j) in judges)
        {
            var b = j.Baselines!;
            html.Append("<tr><th scope=\"row\">").Append(page.Swatch(name)).Append(Html.Text(name)).Append("</th>")
                .Append(Cell($"{Fmt.Count(b.Contradictions)} of {Fmt.Count(b.Pairs)}"))
                .Append(Cell(b.MajorityClass.Answer))
                .Append(Cell(Fmt.Metric(b.MajorityClass.Accuracy)))
                .Append(Cell(Fmt.Metric(b.MajorityClass.F1)))
                .Append(Cell(Fmt.Metric(b.AlwaysContradiction.Accuracy)))
                .Append(Cell(Fmt.Metric(b.AlwaysContradiction.F1)))
                .Append(Cell(Fmt.P(b.McNemar.ExactPValue)))
                .Append(Cell(Outcome(b.Accuracy)))
                .Append(Cell(b.Auroc is { } auroc ? Outcome(auroc) : j.Auroc is null ? "n/a: no AUROC" : "n/a: no interval"))
                .Append("</tr>");
        }

        html.Append("</tbody></table><p class=\"note\">A baseline answers the same on every pair: the majority class is the more frequent label among the judge's evaluated pairs (contradiction on a tie). <em>Accuracy</em>: McNemar's exact test of the judge's verdicts against the majority class's answers at the ")
            .Append((100 - (page.Statistics.Settings.ConfidenceLevel * 100)).ToString("0.##", CultureInfo.InvariantCulture))
            .Append("% level; <em>AUROC</em>: whether its interval excludes 0.5, the AUROC of a random ranking.</p>");
    }

    private static string Outcome(BaselineOutcome outcome) => outcome switch
    {
        BaselineOutcome.Better => "better",
        BaselineOutcome.Worse => "worse",
        _ => "no better",
    };
}
