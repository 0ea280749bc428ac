using System.Text.RegularExpressions;
using Kimera.Reporting.Model;
using Kimera.Statistics;
using Kimera.TestSupport.Statistics;

namespace Kimera.Reporting.Tests;

/// <summary>The report speaks to a newcomer first: it opens with judges, pairs and verdicts, and Kimera's own terms
/// (geoid, reactor, scar, fingerprint) appear only in the engine details at the end, each explained where it first
/// appears.</summary>
public sealed partial class NewcomerWordingTests
{
    [Fact]
    public void The_header_leads_with_judges_pairs_and_verdicts_and_names_no_engine_term()
    {
        var html = HtmlReportWriter.Render(Report());
        var header = html[html.IndexOf("<header>", StringComparison.Ordinal)..html.IndexOf("</header>", StringComparison.Ordinal)];

        Assert.Contains("20 pairs · 20 labelled · judges: kimera, llm", header, StringComparison.Ordinal);
        Assert.Contains("2 judges read each pair of sentences and gave a verdict: contradiction or not.", header, StringComparison.Ordinal);
        foreach (var term in new[] { "geoid", "scar", "reactor", "fingerprint", "plan ", "seed" })
        {
            Assert.DoesNotContain(term, header, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Resonance_is_explained_where_it_first_appears()
    {
        var text = VisibleText(HtmlReportWriter.Render(Report()));
        var first = text.IndexOf("resonance", StringComparison.OrdinalIgnoreCase);

        Assert.True(first >= 0);
        Assert.StartsWith("resonance: cosine similarity", text[first..], StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_terms_first_appear_in_the_engine_details_at_the_end_each_with_its_explanation()
    {
        var html = HtmlReportWriter.Render(Report());
        var engine = html.IndexOf("<section id=\"engine\">", StringComparison.Ordinal);

        Assert.True(engine > html.IndexOf("<section id=\"dataset\">", StringComparison.Ordinal), "the engine details follow the dataset");
        Assert.True(engine > html.IndexOf("<section id=\"throughput\">", StringComparison.Ordinal), "the engine details follow the throughput");
        Assert.True(engine > html.IndexOf("<section id=\"metrics\">", StringComparison.Ordinal), "the engine details follow the metrics");
        var text = VisibleText(html);
        var engineText = VisibleText(html[engine..]);
        foreach (var (term, explanation) in new[]
        {
            ("geoid", "A geoid is one text with what Kimera derives from it"),
            ("reactor", "The reactor pairs the geoids of each chunk at random"),
            ("scar", "leaves a scar, a record of the tension between the two texts"),
            ("fingerprint", "plan fingerprint f00d (a hash of the dataset and the options that change results"),
        })
        {
            var first = text.IndexOf(term, StringComparison.OrdinalIgnoreCase);
            Assert.True(first >= text.Length - engineText.Length, $"'{term}' appears before the engine details");
            Assert.Contains(explanation, engineText, StringComparison.Ordinal);
        }
    }

    /// <summary>The page's text (from its body, when it has one) as a reader sees it: inline tags removed, the others made spaces, entities of this report decoded, spaces collapsed.</summary>
    private static string VisibleText(string html) =>
        Spaces().Replace(Tags().Replace(InlineTags().Replace(html[Math.Max(0, html.IndexOf("<body>", StringComparison.Ordinal))..], string.Empty), " "), " ")
            .Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&#39;", "'", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    private static RunReport Report() => new()
    {
        Run = new RunInfo("hand.csv", "pairs", "f00d", 42, 5, 4, 20, ["kimera", "llm"]),
        Dataset = new DatasetReport("hand.csv", "pairs", ["pair_id", "text1", "text2", "label"], 20, 20, 0, 20, 10, 10, 0, 0, 0, false,
            new Dictionary<string, long> { ["en"] = 20 }, new Dictionary<string, long> { ["en"] = 20 }, [], []),
        Statistics = StatisticsCalculator.Compute(HandMadeJudges.Rows(20, HandMadeJudges.A, HandMadeJudges.C), ["kimera", "llm"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 }),
        Reactor = new ReactorTally(),
        Judges = new Dictionary<string, JudgeTally>(),
        Caches = new RunCaches(new CacheReport(0, 0), null),
        Timings = new RunTimings(),
    };

    [GeneratedRegex("</?(?:em|strong|code|span|a)(?: [^>]*)?>")]
    private static partial Regex InlineTags();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
