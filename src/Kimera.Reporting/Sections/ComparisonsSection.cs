using static Kimera.Reporting.Cells;

namespace Kimera.Reporting.Sections;

/// <summary>Every two judges on the same pairs: their verdicts (agreement, McNemar) and their scores (DeLong).</summary>
internal sealed class ComparisonsSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var statistics = page.Statistics;
        if (statistics.Comparisons.Count == 0)
        {
            return;
        }

        var html = page.Output;
        html.Append("<section id=\"comparisons\"><h2>Judges compared on the same pairs</h2><h3>Verdicts: agreement and accuracy (McNemar)</h3><table><thead><tr>")
            .Append("<th>judges (a vs b)</th><th>pairs both judged</th><th>agreement</th><th>Cohen's κ</th><th>labelled</th><th>b / c</th><th>χ² (corrected)</th><th>p</th><th>exact p</th><th>Cohen's h</th><th>odds ratio b/c</th></tr></thead><tbody>");
        foreach (var c in statistics.Comparisons)
        {
            html.Append("<tr><th scope=\"row\">").Append(Html.Text($"{c.A} vs {c.B}")).Append("</th>")
                .Append(Cell(Fmt.Count(c.Pairs)))
                .Append(Cell(Fmt.Percent(c.Agreement)))
                .Append(Cell(Fmt.Metric(c.CohenKappa)))
                .Append(Cell(Fmt.Count(c.LabelledPairs)))
                .Append(Cell(c.McNemar is { } m ? $"{Fmt.Count(m.B)} / {Fmt.Count(m.C)}" : Fmt.None))
                .Append(Cell(Fmt.Number(c.McNemar?.Statistic, "0.000")))
                .Append(Cell(Fmt.P(c.McNemar?.PValue)))
                .Append(Cell(Fmt.P(c.McNemar?.ExactPValue)))
                .Append(Cell(Fmt.Number(c.EffectSizes?.CohenH, "0.000")))
                .Append(Cell(Fmt.Number(c.EffectSizes?.DiscordantOddsRatio, "0.000")))
                .Append("</tr>");
        }

        html.Append("</tbody></table><h3>Scores: AUROC (DeLong)</h3><table><thead><tr><th>judges (a vs b)</th><th>AUROC a</th><th>AUROC b</th><th>a − b</th><th>CI of a − b</th><th>z</th><th>p</th><th>Cohen's d (scores)</th></tr></thead><tbody>");
        foreach (var c in statistics.Comparisons)
        {
            var d = c.DeLong;
            html.Append("<tr><th scope=\"row\">").Append(Html.Text($"{c.A} vs {c.B}")).Append("</th>")
                .Append(Cell(Fmt.Metric(d?.AucA)))
                .Append(Cell(Fmt.Metric(d?.AucB)))
                .Append(Cell(Fmt.Number(d is null ? null : d.AucA - d.AucB, "+0.000;-0.000;0.000")))
                .Append(Cell(d?.Ci is { } ci ? Fmt.Interval(ci) : Fmt.None))
                .Append(Cell(Fmt.Number(d?.Z, "0.000")))
                .Append(Cell(Fmt.P(d?.PValue)))
                .Append(Cell(Fmt.Number(c.EffectSizes?.CohenD, "0.000")))
                .Append("</tr>");
        }

        html.Append("</tbody></table><p class=\"note\">McNemar: <em>b</em> = pairs judge a got right and judge b got wrong, <em>c</em> the reverse; χ² with continuity correction and the exact binomial p. ")
            .Append("DeLong compares the two AUROCs on the same labelled pairs. Agreement and κ use every pair both judged, labelled or not.</p></section>\n");
    }
}
