using System.Globalization;

namespace Kimera.Reporting.Sections;

/// <summary>The title, the source and the run's facts in one line.</summary>
internal sealed class HeaderSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var statistics = page.Statistics;
        page.Output.Append("<header><h1>Kimera Bench report</h1><p class=\"source\">").Append(Html.Text(page.Source)).Append("</p><p class=\"meta\">");
        var facts = new List<string>
        {
            $"{Fmt.Count(statistics.Pairs)} pairs",
            $"{Fmt.Count(statistics.Labelled)} labelled",
            $"judges: {string.Join(", ", page.Judges)}",
        };
        if (page.Run is { } run)
        {
            facts.Add($"dataset shape: {run.Run.Shape}");
            facts.Add($"seed {run.Run.Seed.ToString(CultureInfo.InvariantCulture)}");
            facts.Add($"plan {run.Run.Fingerprint[..Math.Min(12, run.Run.Fingerprint.Length)]}");
        }

        page.Output.Append(Html.Text(string.Join(" · ", facts))).Append("</p></header>\n");
    }
}
