using System.Globalization;
using Kimera.Statistics.ManyJudges;
using static Kimera.Reporting.Cells;

namespace Kimera.Reporting.Sections;

/// <summary>More than two judges: the judges ranked by accuracy and by AUROC, with intervals, from <c>many_judges</c>.</summary>
internal sealed class RankingSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var statistics = page.Statistics;
        if (statistics.ManyJudges is not { } many)
        {
            return;
        }

        page.Output.Append("<section id=\"ranking\"><h2>Ranking of the judges</h2><div class=\"rankings\">");
        RankingTable(page, "by-accuracy", "By accuracy", "accuracy", many.ByAccuracy, many.AsGoodAsBest);
        RankingTable(page, "by-auroc", "By AUROC", "AUROC", many.ByAuroc, null);
        page.Output.Append("</div><p class=\"note\">Best first. Judges whose verdicts (for AUROC: scores) are identical on every pair share one rank and are marked tied; other equal values are ordered by name. Brackets: ").Append(page.Level())
            .Append(statistics.Settings.BootstrapResamples > 0 ? " percentile bootstrap intervals" : " intervals (bootstrap turned off: none computed)")
            .Append(". <em>As good as the best</em>: McNemar's exact test against the most accurate judge, Holm-adjusted over every pair of judges, finds no difference at the ")
            .Append((100 - (statistics.Settings.ConfidenceLevel * 100)).ToString("0.##", CultureInfo.InvariantCulture)).Append("% level. Judges without labelled verdicts (or scores) are not ranked.</p></section>\n");
    }

    private static void RankingTable(ReportPage page, string id, string title, string metric, IReadOnlyList<JudgeRank> ranks, IReadOnlyList<string>? asGoodAsBest)
    {
        var html = page.Output;
        html.Append("<table class=\"ranking\" id=\"").Append(id).Append("\"><caption>").Append(Html.Text(title)).Append("</caption><thead><tr><th>rank</th><th>judge</th><th>")
            .Append(Html.Text(metric)).Append("</th><th>").Append(Html.Text(page.Level())).Append(" interval</th>")
            .Append(asGoodAsBest is null ? string.Empty : "<th>as good as the best</th>").Append("</tr></thead><tbody>");
        for (var i = 0; i < ranks.Count; i++)
        {
            var r = ranks[i];
            html.Append("<tr data-judge=\"").Append(Html.Attribute(r.Judge)).Append(r.Tied ? "\" class=\"tied" : string.Empty).Append("\"><td>").Append(Html.Text(r.Tied ? $"{r.Rank.ToString(CultureInfo.InvariantCulture)} (tied)" : r.Rank.ToString(CultureInfo.InvariantCulture))).Append("</td><th scope=\"row\">")
                .Append(page.Swatch(r.Judge)).Append(Html.Text(r.Judge)).Append("</th>")
                .Append(Cell(Fmt.Metric(r.Value)))
                .Append(Cell(r.Ci is { Count: 2 } ? Fmt.Interval(r.Ci) : Fmt.None));
            if (asGoodAsBest is not null)
            {
                html.Append(Cell(r.Rank == 1 ? (r.Tied ? "tied best" : "best") : asGoodAsBest.Contains(r.Judge) ? "yes" : "no: less accurate"));
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }
}
