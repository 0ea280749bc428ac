namespace Kimera.Reporting.Sections;

/// <summary>A short box right after the verdict when more than 1% of the dataset's rows are bad (<see cref="BadRowsDigest"/>):
/// the count by kind and the first bad rows with their lines, linking to the full list in the dataset section. Nothing at or
/// below 1%, and nothing for statistics alone (<c>kimera analyze</c>).</summary>
internal sealed class BadRowsSection : IReportSection
{
    /// <summary>The id of the dataset section's list of problems, which the box links to.</summary>
    public const string ListId = "dataset-problems";

    public void Write(ReportPage page)
    {
        if (page.Run?.Dataset is not { } dataset || BadRowsDigest.Of(dataset) is not { } digest)
        {
            return;
        }

        var html = page.Output;
        html.Append("<section id=\"bad-rows\" class=\"notice\"><p><strong>").Append(Html.Text(digest.Headline())).Append("</strong></p><ul>");
        foreach (var problem in digest.First)
        {
            html.Append("<li>").Append(Html.Text(problem.ToString())).Append("</li>");
        }

        html.Append("</ul><p>");
        if (digest.MoreText() is { } more)
        {
            html.Append(Html.Text(char.ToUpperInvariant(more[0]) + more[1..] + ". "));
        }

        html.Append("<a href=\"#").Append(ListId).Append("\">The list of problems</a> is in the dataset section; report.json has every one (dataset.problems).</p></section>\n");
    }
}
