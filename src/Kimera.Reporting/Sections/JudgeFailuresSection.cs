namespace Kimera.Reporting.Sections;

/// <summary>At the top, before any number: each judge that could not judge some pairs, how many and why.</summary>
internal sealed class JudgeFailuresSection : IReportSection
{
    public void Write(ReportPage page)
    {
        var failing = page.Statistics.Judges.Where(j => j.Value.Errors > 0).ToList();
        if (failing.Count == 0)
        {
            return;
        }

        var html = page.Output;
        html.Append("<section id=\"judge-failures\">");
        foreach (var (name, j) in failing)
        {
            var all = j.Judged == 0;
            html.Append("<div class=\"notice").Append(all ? " failed" : string.Empty).Append("\"><p><strong>")
                .Append(Html.Text(all
                    ? $"The {name} judge could not judge any of the {Fmt.Count(j.Errors)} pairs: its metrics below are empty."
                    : $"The {name} judge could not judge {Fmt.Count(j.Errors)} of {Fmt.Count(j.Errors + j.Judged)} pairs; its metrics use the rest."))
                .Append("</strong></p>");
            if (j.ErrorCauses.Count > 0)
            {
                html.Append("<p>Most frequent causes:</p><ul class=\"causes\">");
                foreach (var cause in j.ErrorCauses)
                {
                    html.Append("<li>").Append(Html.Text(cause.Cause)).Append(": ").Append(Fmt.Count(cause.Count)).Append(" pairs</li>");
                }

                var listed = j.ErrorCauses.Sum(c => c.Count);
                if (j.Errors > listed)
                {
                    html.Append("<li>other causes: ").Append(Fmt.Count(j.Errors - listed)).Append(" pairs</li>");
                }

                html.Append("</ul>");
            }

            html.Append("</div>");
        }

        html.Append("</section>\n");
    }
}
