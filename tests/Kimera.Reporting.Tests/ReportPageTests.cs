using System.Text.RegularExpressions;
using Kimera.Statistics;
using Kimera.TestSupport.Statistics;

namespace Kimera.Reporting.Tests;

/// <summary>The page around the sections: the style sheet from the embedded <c>Assets/report.css</c> and the sections' order.</summary>
public sealed partial class ReportPageTests
{
    private static readonly StatisticsOptions NoBootstrap = new() { BootstrapResamples = 0, Folds = 2 };

    [Fact]
    public void The_embedded_style_sheet_is_inlined_once_so_the_page_stays_self_contained()
    {
        var statistics = StatisticsCalculator.Compute(HandMadeJudges.Rows(20, HandMadeJudges.A, HandMadeJudges.C), ["kimera", "llm"], NoBootstrap);

        var html = HtmlReportWriter.Render(statistics, "r.csv");

        Assert.StartsWith(":root { --ink: #1d2330;", ReportStyle.Css, StringComparison.Ordinal);
        Assert.EndsWith("}", ReportStyle.Css, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", ReportStyle.Css, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "<style>"));
        Assert.Contains($"<style>{ReportStyle.Css}</style>\n</head>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_come_in_the_builders_order()
    {
        string[] order = ["judge-failures", "summary", "ranking", "metrics", "noise", "sweep", "pairwise", "comparisons", "curves", "confusion", "mistakes", "examples", "cross-validation", "error-analysis", "reactor", "throughput", "dataset"];
        var statistics = StatisticsCalculator.Compute(
            HandMadeJudges.Rows(20, [HandMadeJudges.A, HandMadeJudges.C, .. HandMadeJudges.CRepeats, HandMadeJudges.B]), ["kimera", "llm", "llm@1", "llm@2", "llm@3", "k50"], NoBootstrap);

        var html = HtmlReportWriter.Render(statistics, "r.csv");

        var found = SectionId().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["summary", "ranking", "metrics", "noise", "pairwise", "comparisons", "curves", "confusion", "cross-validation", "error-analysis"], found);
        Assert.Equal(found, order.Where(found.Contains));
        Assert.True(html.IndexOf("</header>", StringComparison.Ordinal) < html.IndexOf("<section", StringComparison.Ordinal));
        Assert.EndsWith("</p></footer>\n</main>\n</body>\n</html>\n", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<section id=\"([a-z-]+)\">")]
    private static partial Regex SectionId();
}
