namespace Kimera.Reporting.Sections;

/// <summary>Each judge's confusion matrix against the gold labels.</summary>
internal sealed class ConfusionSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var statistics = page.Statistics;
        if (!statistics.HasLabels)
        {
            return;
        }

        var html = page.Output;
        html.Append("<section id=\"confusion\"><h2>Confusion matrices</h2><div class=\"matrices\">");
        foreach (var (name, j) in statistics.Judges)
        {
            if (j.Confusion is not { } m)
            {
                continue;
            }

            html.Append("<table class=\"confusion\"><caption>").Append(page.Swatch(name)).Append(Html.Text(name)).Append("</caption>")
                .Append("<thead><tr><th></th><th>predicted contradiction</th><th>predicted not</th></tr></thead><tbody>")
                .Append("<tr><th scope=\"row\">contradiction</th><td class=\"ok\">").Append(Fmt.Count(m.Tp)).Append(" <small>TP</small></td><td class=\"bad\">").Append(Fmt.Count(m.Fn)).Append(" <small>FN</small></td></tr>")
                .Append("<tr><th scope=\"row\">not contradiction</th><td class=\"bad\">").Append(Fmt.Count(m.Fp)).Append(" <small>FP</small></td><td class=\"ok\">").Append(Fmt.Count(m.Tn)).Append(" <small>TN</small></td></tr>")
                .Append("</tbody></table>");
        }

        html.Append("</div><p class=\"note\">Rows are the gold labels, columns the judge's verdicts.</p></section>\n");
    }
}
