using Kimera.Reporting.Charts;

namespace Kimera.Reporting.Sections;

/// <summary>The ROC and precision-recall curves of every judge with scores, as SVG charts.</summary>
internal sealed class CurvesSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var statistics = page.Statistics;
        var html = page.Output;
        var withCurves = statistics.Judges.Where(j => j.Value.Curves is not null).ToList();
        html.Append("<section id=\"curves\"><h2>ROC and precision-recall curves</h2>");
        if (withCurves.Count == 0)
        {
            html.Append("<p class=\"notice\">").Append(statistics.HasLabels ? "No judge has scores, so there are no curves." : "No labels, so there are no curves.").Append("</p></section>\n");
            return;
        }

        var roc = withCurves.Where(j => j.Value.Curves!.Roc is not null)
            .Select(j => new ChartSeries($"{j.Key} (AUROC {Fmt.Metric(j.Value.Auroc)})", page.Color(j.Key), "roc", j.Value.Curves!.Roc!.Fpr, j.Value.Curves.Roc.Tpr, Style: page.Style(j.Key)))
            .ToList();
        var pr = withCurves.Where(j => j.Value.Curves!.Pr is not null)
            .Select(j => new ChartSeries($"{j.Key} (AP {Fmt.Metric(j.Value.AveragePrecision)})", page.Color(j.Key), "pr", j.Value.Curves!.Pr!.Recall, j.Value.Curves.Pr.Precision, Step: true, Style: page.Style(j.Key)))
            .ToList();
        var prevalence = withCurves
            .Select(j => j.Value.Confusion)
            .Where(c => c is { Total: > 0 })
            .Select(c => (double)(c!.Tp + c.Fn) / c.Total)
            .FirstOrDefault(-1);

        html.Append("<div class=\"charts\">")
            .Append(SvgChart.UnitSquare("ROC curve", "false positive rate", "true positive rate", roc, (0, 0, 1, 1, "chance")))
            .Append(SvgChart.UnitSquare(
                "Precision-recall curve", "recall", "precision", pr,
                prevalence >= 0 ? (0, prevalence, 1, prevalence, $"prevalence {Fmt.Metric(prevalence)}") : null))
            .Append("</div><p class=\"note\">ROC points as scikit-learn's roc_curve (ties share a point); the precision-recall curve is drawn as steps, as average precision sums them.</p></section>\n");
    }
}
