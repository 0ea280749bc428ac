namespace Kimera.Reporting.Sections;

/// <summary>The title, the source, and what the page is about in a newcomer's words: which judges gave verdicts on how
/// many pairs. The run's technical identity (layout, seed, plan fingerprint) is in <see cref="EngineDetailsSection"/>
/// at the end.</summary>
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
        page.Output.Append(Html.Text(string.Join(" · ", facts))).Append("</p><p class=\"lead\">")
            .Append(Html.Text(Lead(page.Judges)))
            .Append("</p></header>\n");
    }

    /// <summary>One sentence on how to read the page: what a judge, a pair and a verdict are here.</summary>
    internal static string Lead(IReadOnlyList<string> judges) =>
        (judges.Count == 1 ? "One judge" : $"{judges.Count} judges")
        + " read each pair of sentences and gave a verdict: contradiction or not. Below, those verdicts are checked "
        + "against the dataset's labels (accuracy, precision, recall, F1), each judge's confidence score is checked for "
        + "how well it ranks contradictions first (AUROC), and the judges are compared with each other."
        + (judges.Any(j => j.StartsWith("kimera", StringComparison.OrdinalIgnoreCase))
            ? " Kimera is the detector under test: it compares the two sentences' embeddings (their resonance: cosine "
              + "similarity with a penalty when only one sentence is negated) and applies a few antonym and negation rules."
            : string.Empty);
}
