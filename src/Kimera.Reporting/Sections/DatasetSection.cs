using static Kimera.Reporting.Cells;

namespace Kimera.Reporting.Sections;

/// <summary>A run's dataset: the file, its shape and columns, rows and pairs read, languages and the problems found.</summary>
internal sealed class DatasetSection : IReportSection
{
    public void Write(ReportPage page)
    {
        if (page.Run?.Dataset is not { } d)
        {
            return;
        }

        var html = page.Output;
        html.Append("<section id=\"dataset\"><h2>Dataset</h2><table class=\"facts\"><tbody>")
            .Append(Fact("file", d.Source))
            .Append(Fact("shape and columns", $"{d.Shape}: {string.Join(", ", d.Columns)}"))
            .Append(d.ReadAsText() is { } readAs ? Fact("read as", readAs) : string.Empty)
            .Append(d.LabelNoteText() is { } note ? Fact("labels", note) : string.Empty)
            .Append(d.NoGoldText() is { } noGold ? Fact("no gold label", noGold) : string.Empty)
            .Append(Fact("rows", $"{Fmt.Count(d.RowsRead)} read, {Fmt.Count(d.GoodRows)} good, {Fmt.Count(d.BadRows)} bad"))
            .Append(Fact("pairs", $"{Fmt.Count(d.PairsBuilt)}: {Fmt.Count(d.Positives)} contradiction, {Fmt.Count(d.Negatives)} not, {Fmt.Count(d.Unlabelled)} unlabelled{(d.StoppedAtMaxPairs ? " (stopped at --max-pairs)" : string.Empty)}"))
            .Append(SampleText(d) is { } sample ? Fact("sample", sample) : string.Empty)
            .Append(Fact("pair languages", d.PairLanguages.Count == 0 ? "none" : string.Join(", ", d.PairLanguages.Select(kv => $"{kv.Key} {Fmt.Count(kv.Value)}"))))
            .Append("</tbody></table>");
        if (d.Problems.Count > 0)
        {
            const int shown = 50;
            html.Append("<details id=\"").Append(BadRowsSection.ListId).Append("\"><summary>").Append(Html.Text($"{Fmt.Count(d.Problems.Count)} problem(s) in the dataset{(d.Problems.Count > shown ? $", first {shown} shown" : string.Empty)}")).Append("</summary><ul>");
            foreach (var problem in d.Problems.Take(shown))
            {
                html.Append("<li>").Append(Html.Text(problem.ToString())).Append("</li>");
            }

            html.Append("</ul></details>");
        }

        html.Append("</section>\n");
    }

    /// <summary>"1,000 asked for more pairs than the dataset has (50): all 50 are judged", "20 of 70 pairs" for a sample within
    /// the dataset, null without a sample (or in a report written before samples were recorded).</summary>
    private static string? SampleText(Model.DatasetReport d) => d.Sample switch
    {
        { Asked: { } asked } s when s.ShortfallText() is { } shortfall => $"{Fmt.Count(asked)} {shortfall}",
        { Asked: not null } s => $"{Fmt.Count(s.Taken)} of {Fmt.Count(d.PairsBuilt)} pairs, stratified by label and language",
        _ => null,
    };
}
