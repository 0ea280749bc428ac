using Kimera.Reporting.Charts;
using Kimera.Statistics.ErrorAnalysis;
using static Kimera.Reporting.Cells;

namespace Kimera.Reporting.Sections;

/// <summary>Each judge's accuracy by length, language, pair type, negation and lexical overlap, and by the dataset's slice
/// column (MultiNLI's genre) when it has one, as tables and bar charts.</summary>
internal sealed class ErrorAnalysisSection : IReportSection
{
    public void Write(ReportPage page)
    {
        if (page.Statistics.ErrorAnalysis is not { } analysis || analysis.Judges.Count == 0)
        {
            return;
        }

        var html = page.Output;
        html.Append("<section id=\"error-analysis\"><h2>Where the judges go wrong</h2><p>")
            .Append(Html.Text($"Accuracy on labelled pairs by group, with {page.Level()} {(analysis.Interval == "wilson" ? "Wilson score" : analysis.Interval)} intervals. Length is measured as {analysis.LengthMeasure} (quantile buckets); overlap is the Jaccard overlap of the two texts' words."))
            .Append("</p>");
        var dimensions = new List<(string Title, Func<JudgeErrorAnalysis, IReadOnlyList<ErrorAnalysisGroup>> Groups)>
        {
            ("By length", e => e.Length),
            ("By language", e => e.Language),
            ("By pair type", e => e.PairType),
            ("By negation", e => e.Negation),
            ("By lexical overlap", e => e.Overlap),
        };
        if (analysis.SliceName is { } slice)
        {
            // The dataset's slice column (MultiNLI's genre), named as the dataset names it.
            dimensions.Add(($"By {slice}", e => e.Slice ?? []));
        }

        var names = analysis.Judges.Keys.ToList();
        foreach (var (title, groupsOf) in dimensions)
        {
            var categories = new List<string>();
            foreach (var name in names)
            {
                categories.AddRange(groupsOf(analysis.Judges[name]).Select(g => g.Group).Where(g => !categories.Contains(g)));
            }

            if (categories.Count == 0)
            {
                continue;
            }

            var found = names.Select(n => groupsOf(analysis.Judges[n]).ToDictionary(g => g.Group)).ToList();
            html.Append("<div class=\"analysis\"><h3>").Append(Html.Text(title)).Append("</h3><div class=\"analysis-body\"><table><thead><tr><th>group</th>");
            foreach (var name in names)
            {
                html.Append("<th>").Append(page.Swatch(name)).Append(Html.Text(name)).Append("</th>");
            }

            html.Append("</tr></thead><tbody>");
            foreach (var category in categories)
            {
                html.Append("<tr><th scope=\"row\">").Append(Html.Text(category)).Append("</th>");
                foreach (var groups in found)
                {
                    if (names.Count > 2 && groups.TryGetValue(category, out var narrow) && narrow.Accuracy is not null && narrow.Ci is { Count: 2 })
                    {
                        // Many judges: the interval goes on a second line so that the table still fits the page.
                        html.Append("<td>").Append(Html.Text($"{Fmt.Metric(narrow.Accuracy)} · {Fmt.Count(narrow.Correct)}/{Fmt.Count(narrow.Pairs)}"))
                            .Append("<br><small class=\"ci\">").Append(Html.Text(Fmt.Interval(narrow.Ci))).Append("</small></td>");
                        continue;
                    }

                    html.Append(Cell(groups.TryGetValue(category, out var g)
                        ? $"{Fmt.WithInterval(g.Accuracy, g.Ci)} · {Fmt.Count(g.Correct)}/{Fmt.Count(g.Pairs)}"
                        : Fmt.None));
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table>");
            var series = names.Select((n, i) => new BarSeries(
                n,
                page.Color(n),
                [.. categories.Select(c => found[i].TryGetValue(c, out var g) ? g.Accuracy : null)],
                [.. categories.Select(c => found[i].TryGetValue(c, out var g) ? g.Ci : null)])).ToList();
            IReadOnlyList<IReadOnlyList<long>> counts = [.. names.Select((_, i) => (IReadOnlyList<long>)[.. categories.Select(c => found[i].TryGetValue(c, out var g) ? g.Pairs : 0)])];
            html.Append(SvgChart.Bars($"Accuracy {title.ToLowerInvariant()}", "accuracy", categories, series, counts)).Append("</div></div>");
        }

        html.Append("</section>\n");
    }
}
