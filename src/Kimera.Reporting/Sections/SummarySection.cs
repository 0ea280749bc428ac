namespace Kimera.Reporting.Sections;

/// <summary>The answer first: the verdict in words, any judge whose score ranks the wrong way, each judge against the
/// baselines (majority class, chance AUROC) and what its cross-validated threshold adds, a sweep that changed no verdict,
/// and what could not be measured.</summary>
internal sealed class SummarySection : IReportSection
{
    public void Write(ReportPage page)
    {
        var statistics = page.Statistics;
        var html = page.Output;
        var verdict = ReportVerdict.Of(statistics);
        html.Append("<section id=\"summary\"><h2>").Append(Html.Text(ReportVerdict.Question(statistics))).Append("</h2>")
            .Append("<div class=\"verdict ").Append(verdict.Tone).Append("\"><p class=\"headline\">").Append(Html.Text(verdict.Headline)).Append("</p>");
        foreach (var detail in verdict.Details)
        {
            html.Append("<p>").Append(Html.Text(detail)).Append("</p>");
        }

        html.Append("</div>");
        foreach (var (name, judge) in statistics.Judges)
        {
            if (InvertedRanking.Sentence(name, judge, statistics.Settings.ConfidenceLevel) is { } inverted)
            {
                html.Append("<p class=\"notice inverted\">").Append(Html.Text(inverted)).Append("</p>");
            }
        }

        var baselines = statistics.Judges.Select(j => BaselineVerdict.Sentence(j.Key, j.Value)).OfType<string>()
            .Concat(ThresholdVerdict.Sentences(statistics))
            .Concat(statistics.Sweep?.Note is { } note ? [note + "."] : [])
            .ToList();
        if (baselines.Count > 0)
        {
            html.Append("<div class=\"baselines\"><h3>Against answering without reading</h3><ul>");
            foreach (var sentence in baselines)
            {
                html.Append("<li>").Append(Html.Text(sentence)).Append("</li>");
            }

            html.Append("</ul></div>");
        }

        if (statistics.Message is { } message)
        {
            html.Append("<p class=\"notice\">").Append(Html.Text(Capital(message))).Append(".</p>");
        }

        html.Append("</section>\n");
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
