using Kimera.Reporting.Examples;
using static Kimera.Reporting.Cells;
using static Kimera.Reporting.Sections.ExampleCells;

namespace Kimera.Reporting.Sections;

/// <summary>A few pairs where the two judges disagree, with both verdicts, scores and reasons (section id <c>examples</c>).</summary>
internal sealed class DisagreementsSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var examples = page.Examples;
        if (examples?.Disagreements is not { } d || d.OnlyACount + d.OnlyBCount == 0)
        {
            return;
        }

        var html = page.Output;
        var (a, b) = (ReportVerdict.DisplayName(d.A), ReportVerdict.DisplayName(d.B));
        html.Append("<section id=\"examples\"><h2>Examples: where the judges disagree</h2><p class=\"note\">")
            .Append(Html.Text($"Pairs both judges judged and answered differently ({Fmt.Count(d.OnlyACount + d.OnlyBCount)} in all), at most {examples.PerKind} of each kind, widest gap between the two scores first, then pair id."))
            .Append("</p>");
        DisagreementTable(page, d, d.OnlyA, $"Only {a} called a contradiction ({PairCount(d.OnlyACount)})");
        DisagreementTable(page, d, d.OnlyB, $"Only {b} called a contradiction ({PairCount(d.OnlyBCount)})");
        html.Append("</section>\n");
    }

    private static void DisagreementTable(ReportPage page, JudgeDisagreements d, IReadOnlyList<ExamplePair> pairs, string title)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        var html = page.Output;
        html.Append("<table class=\"examples disagreements\"><caption>").Append(Html.Text(title)).Append("</caption><thead><tr><th>pair</th><th>text 1</th><th>text 2</th><th>label</th>");
        foreach (var judge in new[] { d.A, d.B })
        {
            html.Append("<th>").Append(page.Swatch(judge)).Append(Html.Text(ReportVerdict.DisplayName(judge))).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var pair in pairs)
        {
            html.Append("<tr><th scope=\"row\">").Append(Html.Text(PairName(pair))).Append("</th>")
                .Append(TextCell(pair.Text1)).Append(TextCell(pair.Text2))
                .Append(Cell(pair.Label switch { true => "contradiction", false => "not", null => "unlabelled" }));
            foreach (var judge in new[] { d.A, d.B })
            {
                var v = pair.Verdicts.FirstOrDefault(x => x.Judge == judge);
                html.Append("<td class=\"verdict-cell\">");
                if (v is not null)
                {
                    html.Append("<strong>").Append(v.Contradiction ? "contradiction" : "no contradiction").Append("</strong> · score ")
                        .Append(Html.Text(Fmt.Number(v.Score, "0.000")));
                    if (!string.IsNullOrEmpty(v.Reasoning))
                    {
                        html.Append("<br><small>").Append(Html.Text(Shorten(v.Reasoning))).Append("</small>");
                    }
                }

                html.Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string PairCount(long count) => count == 1 ? "1 pair" : $"{Fmt.Count(count)} pairs";
}
