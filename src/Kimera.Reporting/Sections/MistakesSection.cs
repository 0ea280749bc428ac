using Kimera.Reporting.Examples;
using static Kimera.Reporting.Cells;
using static Kimera.Reporting.Sections.ExampleCells;

namespace Kimera.Reporting.Sections;

/// <summary>Each judge's most typical mistakes (the rule is <c>ExampleCollector</c> (Kimera.Pipeline)'s, stated on the page).</summary>
internal sealed class MistakesSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var examples = page.Examples;
        var judges = examples?.Mistakes.Where(m => m.MissedCount + m.FalseAlarmCount > 0).ToList() ?? [];
        if (judges.Count == 0)
        {
            return;
        }

        var html = page.Output;
        html.Append("<section id=\"mistakes\"><h2>Typical mistakes</h2><p class=\"note\">")
            .Append(Html.Text($"For each judge, at most {examples!.PerKind} of its most confident mistakes on labelled pairs. Missed contradictions: lowest score first, then highest resonance (the pair looked most alike), then pair id. False alarms: highest score first, then lowest resonance, then pair id."))
            .Append("</p>");
        foreach (var m in judges)
        {
            html.Append("<div class=\"judge-mistakes\"><h3>").Append(page.Swatch(m.Judge)).Append(Html.Text(ReportVerdict.DisplayName(m.Judge))).Append("</h3>");
            MistakeTable(page, m.Judge, m.MissedContradictions, m.MissedCount, $"{Fmt.Count(m.MissedCount)} labelled contradiction(s) called compatible", "missed");
            MistakeTable(page, m.Judge, m.FalseAlarms, m.FalseAlarmCount, $"{Fmt.Count(m.FalseAlarmCount)} labelled non-contradiction(s) called contradictions", "false-alarms");
            html.Append("</div>");
        }

        html.Append("</section>\n");
    }

    private static void MistakeTable(ReportPage page, string judge, IReadOnlyList<ExamplePair> pairs, long count, string title, string kind)
    {
        if (count == 0)
        {
            return;
        }

        var html = page.Output;
        html.Append("<table class=\"examples ").Append(kind).Append("\"><caption>").Append(Html.Text(pairs.Count < count ? $"{title}; the {pairs.Count} most typical:" : $"{title}:"))
            .Append("</caption><thead><tr><th>pair</th><th>text 1</th><th>text 2</th><th>score</th><th>resonance</th><th>reason</th></tr></thead><tbody>");
        foreach (var pair in pairs)
        {
            var verdict = pair.Verdicts.FirstOrDefault(v => v.Judge == judge);
            html.Append("<tr><th scope=\"row\">").Append(Html.Text(PairName(pair))).Append("</th>")
                .Append(TextCell(pair.Text1)).Append(TextCell(pair.Text2))
                .Append(Cell(Fmt.Number(verdict?.Score, "0.000")))
                .Append(Cell(Fmt.Number(pair.Resonance, "0.000")))
                .Append(TextCell(verdict?.Reasoning))
                .Append("</tr>");
        }

        html.Append("</tbody></table>");
    }
}
