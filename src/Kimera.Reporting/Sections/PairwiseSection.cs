using System.Globalization;
using Kimera.Statistics;
using Kimera.Statistics.Comparisons;
using Kimera.Statistics.ManyJudges;

namespace Kimera.Reporting.Sections;

/// <summary>More than two judges: every pair of judges as a heat map, one matrix per measure; each cell also states its value.</summary>
internal sealed class PairwiseSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var statistics = page.Statistics;
        if (statistics.ManyJudges is not { } many)
        {
            return;
        }

        var alpha = 1 - statistics.Settings.ConfidenceLevel;
        // Rows and columns in ranking order (most accurate first), so neighbouring cells compare neighbouring judges.
        List<string> judges = [.. many.ByAccuracy.Select(r => r.Judge), .. page.Judges.Where(j => many.ByAccuracy.All(r => r.Judge != j))];
        page.Output.Append("<section id=\"pairwise\"><h2>Every pair of judges</h2><div class=\"matrices\">");
        Matrix(page, "agreement", "Agreement and Cohen's κ", judges, (row, column) =>
        {
            var c = Comparison(statistics, row, column);
            if (c?.Agreement is not { } agreement)
            {
                return null;
            }

            return ($"{Fmt.Percent(agreement)}", $"κ {Fmt.Metric(c.CohenKappa)}", Shade("31,111,180", Math.Clamp(c.CohenKappa ?? 0, 0, 1)));
        });
        Matrix(page, "mcnemar", "Accuracy: row − column, Holm-adjusted McNemar exact p", judges, (row, column) =>
        {
            var c = Comparison(statistics, row, column);
            var adjusted = Adjusted(many, row, column)?.McNemarExactPHolm;
            if (c?.McNemar is not { } m || c.LabelledPairs == 0)
            {
                return null;
            }

            var difference = (c.A == row ? m.B - m.C : m.C - m.B) / (double)c.LabelledPairs;
            return (Fmt.Number(difference, "+0.000;-0.000;0.000"), PText(adjusted, alpha), Significance(adjusted, alpha));
        });
        Matrix(page, "delong", "AUROC: row − column, Holm-adjusted DeLong p", judges, (row, column) =>
        {
            var c = Comparison(statistics, row, column);
            var adjusted = Adjusted(many, row, column)?.DeLongPHolm;
            if (c?.DeLong is not { } d)
            {
                return null;
            }

            var difference = c.A == row ? d.AucA - d.AucB : d.AucB - d.AucA;
            return (Fmt.Number(difference, "+0.000;-0.000;0.000"), PText(adjusted, alpha), Significance(adjusted, alpha));
        });
        page.Output.Append("</div><p class=\"note\">")
            .Append(Html.Text($"Agreement and κ over the pairs both judges judged (darker: higher κ). Differences over the labelled pairs both judged (accuracy) or both scored (AUROC), row judge minus column judge; p-values Holm-adjusted over all {many.Pairwise.Count} pairs of judges, one family per test; * marks p < {alpha.ToString("0.##", CultureInfo.InvariantCulture)} (darker: smaller p)."))
            .Append("</p></section>\n");
    }

    private static void Matrix(ReportPage page, string id, string title, IReadOnlyList<string> judges, Func<string, string, (string Value, string Detail, string Background)?> cell)
    {
        var html = page.Output;
        html.Append("<table class=\"heatmap\" id=\"matrix-").Append(id).Append("\"><caption>").Append(Html.Text(title)).Append("</caption><thead><tr><th></th>");
        foreach (var judge in judges)
        {
            html.Append("<th scope=\"col\">").Append(Html.Text(judge)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in judges)
        {
            html.Append("<tr><th scope=\"row\">").Append(page.Swatch(row)).Append(Html.Text(row)).Append("</th>");
            foreach (var column in judges)
            {
                if (row == column || cell(row, column) is not { } c)
                {
                    html.Append("<td class=\"empty\">").Append(Fmt.None[0]).Append("</td>");
                    continue;
                }

                html.Append("<td data-row=\"").Append(Html.Attribute(row)).Append("\" data-column=\"").Append(Html.Attribute(column)).Append("\" style=\"").Append(c.Background).Append("\">")
                    .Append(Html.Text(c.Value)).Append("<br><small>").Append(Html.Text(c.Detail)).Append("</small></td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static JudgeComparison? Comparison(StatisticsResult statistics, string a, string b) =>
        statistics.Comparisons.FirstOrDefault(c => (c.A == a && c.B == b) || (c.A == b && c.B == a));

    private static AdjustedComparison? Adjusted(ManyJudgesResult many, string a, string b) =>
        many.Pairwise.FirstOrDefault(c => (c.A == a && c.B == b) || (c.A == b && c.B == a));

    private static string PText(double? p, double alpha) => p is { } value ? $"p {Fmt.P(value)}{(value < alpha ? " *" : string.Empty)}" : $"p {Fmt.None}";

    /// <summary>Orange, darker as p falls (−log10 p, full at 10⁻⁴); a p of 1 stays white.</summary>
    private static string Significance(double? p, double alpha) =>
        p is not { } value ? string.Empty : Shade(value < alpha ? "217,96,26" : "138,147,163", Math.Clamp(-Math.Log10(Math.Max(value, 1e-300)) / 4, 0, 1));

    /// <summary>A cell background in the given colour at the given strength, with the text white on the darkest cells.</summary>
    private static string Shade(string rgb, double strength) =>
        string.Create(CultureInfo.InvariantCulture, $"background:rgba({rgb},{0.08 + (strength * 0.8):0.00});{(strength > 0.6 ? "color:#ffffff" : string.Empty)}");
}
