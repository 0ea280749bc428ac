using System.Net;
using System.Text.RegularExpressions;
using Kimera.Statistics;
using Kimera.Statistics.Sweeps;
using Kimera.TestSupport.Statistics;

namespace Kimera.Reporting.Tests;

/// <summary>The report of more than two judges, of repeats (noise) and of a sweep, from the hand-made results of
/// <see cref="HandMadeJudges"/> (accuracies 0.9, 0.75 and 0.5 worked out by hand there).</summary>
public sealed partial class ManyJudgesReportTests
{
    private static readonly StatisticsOptions NoBootstrap = new() { BootstrapResamples = 0, Folds = 2 };

    [Fact]
    public void Three_judges_get_the_generalised_headline_a_ranking_and_a_pairwise_heat_map_with_holm_adjusted_p_values()
    {
        // Columns in the order c, a, b so that the ranking has to reorder them.
        var statistics = StatisticsCalculator.Compute(HandMadeJudges.Rows(20, HandMadeJudges.C, HandMadeJudges.A, HandMadeJudges.B), ["c", "a", "b"], NoBootstrap);

        var html = HtmlReportWriter.Render(statistics, "three.csv");

        Assert.Contains("<h2>Which judges are as good as the best one?</h2>", html, StringComparison.Ordinal);
        // Holm-adjusted exact McNemar against a: b 0.25 (kept), c 3 · 2/256 = 0.0234 (< 0.05, dropped).
        Assert.Contains("<p class=\"headline\">a and b are as good as the best one; c is less accurate.</p>", html, StringComparison.Ordinal);
        Assert.Contains("b: accuracy 0.750, adjusted p = 0.250 against a — not shown less accurate.", html, StringComparison.Ordinal);
        Assert.Contains("c: accuracy 0.500, adjusted p = 0.023 against a — less accurate.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Is Kimera as good as the LLM?", html, StringComparison.Ordinal);

        Assert.Equal([("a", "0.900", "best"), ("b", "0.750", "yes"), ("c", "0.500", "no: less accurate")], RankingRows(html, "by-accuracy").Select(r => (r[0], r[1], r[3])));
        Assert.Equal([("a", "0.900"), ("b", "0.750"), ("c", "0.500")], RankingRows(html, "by-auroc").Select(r => (r[0], r[1])));

        // Accuracy differences row − column over the 20 pairs: a − c = +0.400 with adjusted p 0.023 (significant), c − a the mirror.
        Assert.Equal(("+0.400", "p 0.023 *"), MatrixCell(html, "mcnemar", "a", "c"));
        Assert.Equal(("-0.400", "p 0.023 *"), MatrixCell(html, "mcnemar", "c", "a"));
        Assert.Equal(("+0.150", "p 0.250"), MatrixCell(html, "mcnemar", "a", "b"));
        // a and b agree on 17 of 20 pairs (b's extra mistakes 2, 3, 4): κ = (0.85 − 0.5)/(1 − 0.5) = 0.7 (both call 10 positive).
        Assert.Equal(("85.0%", "κ 0.700"), MatrixCell(html, "agreement", "a", "b"));
        Assert.Equal(("+0.150", "p 0.250"), (MatrixCell(html, "delong", "a", "b").Value, MatrixCell(html, "mcnemar", "a", "b").Detail));

        // All three curves on each chart, each with its own dash pattern and markers.
        Assert.Equal(3, Regex.Count(html, "<path class=\"curve roc\""));
        Assert.Equal(3, Regex.Count(html, "<path class=\"curve pr\""));
        Assert.Equal(2, Regex.Count(html, "<path class=\"curve roc\"[^>]*stroke-dasharray"));
    }

    [Fact]
    public void Two_judges_with_repeats_keep_the_two_judge_report_and_add_only_the_noise_section()
    {
        var plain = StatisticsCalculator.Compute(HandMadeJudges.Rows(20, HandMadeJudges.A, HandMadeJudges.C), ["kimera", "llm"], NoBootstrap);
        var repeated = StatisticsCalculator.Compute(
            HandMadeJudges.Rows(20, [HandMadeJudges.A, HandMadeJudges.C, .. HandMadeJudges.CRepeats]), ["kimera", "llm", "llm@1", "llm@2", "llm@3"], NoBootstrap);

        var before = HtmlReportWriter.Render(plain, "r.csv");
        var after = HtmlReportWriter.Render(repeated, "r.csv");

        var noise = NoiseSection().Match(after);
        Assert.True(noise.Success);
        Assert.Equal(before, after.Remove(noise.Index, noise.Length));
        Assert.DoesNotContain("id=\"ranking\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("stroke-dasharray=", before, StringComparison.Ordinal);
        // Flip rate 3/20 with its Wilson interval, κ 1438/1798, accuracies of the repeats and the floor 0.15 beside the
        // judges' difference 0.9 − 0.5 = 0.4.
        Assert.Contains("<td>3</td><td>20</td><td>3</td><td>15.0%</td><td>[5.2%, 36.0%]</td><td>0.800</td><td>0.500 · 0.400 · 0.550</td><td>0.150</td>", noise.Value, StringComparison.Ordinal);
        Assert.Contains("Re-asking the LLM the same pairs moved its accuracy by up to 0.150 (its noise floor). The two judges&#x27; accuracies differ by 0.400: more than re-asking the LLM alone changes.", noise.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Kimera_the_llm_with_repeats_and_a_variant_get_the_headline_in_plain_names_and_the_noise_floor_beside_three_differences()
    {
        var statistics = StatisticsCalculator.Compute(
            HandMadeJudges.Rows(20, [HandMadeJudges.A, HandMadeJudges.C, .. HandMadeJudges.CRepeats, HandMadeJudges.B]),
            ["kimera", "llm", "llm@1", "llm@2", "llm@3", "k50"],
            NoBootstrap);

        var html = HtmlReportWriter.Render(statistics, "r.csv");

        // kimera 0.9, k50 0.75 (adjusted p 0.25 against kimera), llm 0.5 (0.023).
        Assert.Contains("<p class=\"headline\">Kimera and k50 are as good as the best one; the LLM is less accurate.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>The LLM: accuracy 0.500, adjusted p = 0.023 against Kimera — less accurate.</p>", html, StringComparison.Ordinal);
        // Differences 0.4 (kimera, llm), 0.15 (kimera, k50) and 0.25 (k50, llm): only 0.15 is within the llm's floor of 0.15.
        Assert.Contains(
            "The judges&#x27; accuracies differ by up to 0.400 (Kimera against the LLM); 1 of the 3 differences between two judges is no larger than that noise floor.",
            html,
            StringComparison.Ordinal);
        Assert.Equal("Kimera and k50 are as good as the best one; the LLM is less accurate.", ReportVerdict.Of(statistics).Headline);
    }

    [Fact]
    public void A_sweep_gets_a_chart_of_accuracy_f1_and_auroc_with_interval_whiskers_and_a_table_in_axis_order()
    {
        var options = new StatisticsOptions
        {
            BootstrapResamples = 200,
            Folds = 2,
            Sweep = new SweepAxis("resonance_threshold", [new SweepPoint("k60", 0.6), new SweepPoint("k70", 0.7), new SweepPoint("k80", 0.8)]),
        };
        var statistics = StatisticsCalculator.Compute(HandMadeJudges.Rows(20, HandMadeJudges.C, HandMadeJudges.B, HandMadeJudges.A), ["k60", "k70", "k80"], options);

        var html = HtmlReportWriter.Render(statistics, "sweep.csv");

        var section = html[html.IndexOf("<section id=\"sweep\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("<h2>Sweep of resonance_threshold</h2>", section, StringComparison.Ordinal);
        Assert.Equal(["accuracy", "F1", "AUROC"], Regex.Matches(section, "<path class=\"curve sweep\" data-series=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        // One whisker and one marker per metric and value (every interval exists with 200 resamples), one band per metric.
        Assert.Equal(9, Regex.Count(section, "<path class=\"whisker\""));
        Assert.Equal(3, Regex.Count(section, "<polygon class=\"band\""));
        Assert.Contains("<title>accuracy at 0.8: 0.900 [", section, StringComparison.Ordinal);
        Assert.Contains("<title>F1 at 0.7: 0.737 [", section, StringComparison.Ordinal);
        Assert.Equal(["0.6", "0.7", "0.8"], Regex.Matches(section, "<tr><th scope=\"row\">([0-9.]+)</th>").Select(m => m.Groups[1].Value));
    }

    /// <summary>The cells of a ranking table: judge, value, interval and (by accuracy) the verdict.</summary>
    private static List<string[]> RankingRows(string html, string id)
    {
        var table = html[html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        return [.. RankingRow().Matches(table).Select(m => new[] { m.Groups["judge"].Value }.Concat(Cells().Matches(m.Groups["cells"].Value).Select(c => c.Groups[1].Value)).ToArray())];
    }

    private static (string Value, string Detail) MatrixCell(string html, string matrix, string row, string column)
    {
        var table = html[html.IndexOf($"id=\"matrix-{matrix}\"", StringComparison.Ordinal)..];
        var match = Regex.Match(table, $"<td data-row=\"{row}\" data-column=\"{column}\" style=\"[^\"]*\">([^<]*)<br><small>([^<]*)</small></td>");
        Assert.True(match.Success, $"no cell {row} × {column} in matrix {matrix}");
        return (WebUtility.HtmlDecode(match.Groups[1].Value), WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    [GeneratedRegex("<tr data-judge=\"(?<judge>[^\"]+)\"><td>\\d+</td><th scope=\"row\">.*?</th>(?<cells>.*?)</tr>")]
    private static partial Regex RankingRow();

    [GeneratedRegex("<td>([^<]*)</td>")]
    private static partial Regex Cells();

    [GeneratedRegex("<section id=\"noise\">.*?</section>\n")]
    private static partial Regex NoiseSection();
}
