using System.Net;
using System.Text.RegularExpressions;
using Kimera.Statistics;
using Kimera.Statistics.Sweeps;

namespace Kimera.Reporting.Tests;

/// <summary>report.html against the baselines, with tied ranks and a sweep that changed no verdict (issue 24), on tables
/// worked out by hand.</summary>
public sealed class BaselineReportTests
{
    // labels T T T T T T F F F F; kimera T T T T T F F F F T (right on 8 of 10).
    private static readonly bool[] TenLabels = [true, true, true, true, true, true, false, false, false, false];
    private static readonly bool[] TenVerdicts = [true, true, true, true, true, false, false, false, false, true];
    private static readonly StatisticsOptions NoBootstrap = new() { BootstrapResamples = 0, Folds = 2 };

    [Fact]
    public void The_summary_says_each_judge_against_the_baselines_and_the_metrics_list_the_baselines()
    {
        // Majority class "contradiction" 6/10 = 0.600, F1 12/16 = 0.750; McNemar against it b = 3, c = 1,
        // exact p = 2·5/16 = 0.625: no better. kimera F1 10/12 = 0.833.
        var rows = TenLabels.Select((l, i) => Row(l, new JudgeOutcome(TenVerdicts[i], TenVerdicts[i] ? 0.9 : 0.1))).ToArray();
        var statistics = StatisticsCalculator.Compute(rows, ["kimera"], NoBootstrap);

        var html = HtmlReportWriter.Render(statistics, "ten.csv");

        var summary = Section(html, "summary");
        Assert.Contains(
            "<li>kimera: accuracy 0.800 is no better than the majority class, always answering \"contradiction\" (0.600; McNemar exact p = 0.625); F1 0.833 against 0.750 for always answering \"contradiction\";",
            summary, StringComparison.Ordinal);
        var row = Regex.Match(Section(html, "metrics"), "<table id=\"baselines\">.*?<tr><th scope=\"row\">.*?</th>(?<cells>.*?)</tr>");
        Assert.True(row.Success, "no baselines table");
        Assert.Equal(
            ["6 of 10", "contradiction", "0.600", "0.750", "0.600", "0.750", "0.625", "no better", "n/a: no interval"],
            Regex.Matches(row.Groups["cells"].Value, "<td>([^<]*)</td>").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void Judges_with_identical_verdicts_share_a_rank_marked_tied_in_the_ranking_and_none_of_them_alone_is_best()
    {
        // x and y right on all four pairs with the same verdicts; z right on two (rank 3).
        bool[] labels = [true, true, false, false];
        bool[] z = [true, false, true, false];
        var rows = labels.Select((l, i) => Row(l, new JudgeOutcome(l, l ? 0.9 : 0.1), new JudgeOutcome(l, l ? 0.9 : 0.1), new JudgeOutcome(z[i], z[i] ? 0.9 : 0.1))).ToArray();
        var statistics = StatisticsCalculator.Compute(rows, ["x", "y", "z"], NoBootstrap);

        var html = HtmlReportWriter.Render(statistics, "three.csv");

        var table = Section(html, "ranking");
        table = table[table.IndexOf("id=\"by-accuracy\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        var ranks = Regex.Matches(table, "<tr data-judge=\"(?<judge>[^\"]+)\"(?<tied> class=\"tied\")?><td>(?<rank>[^<]+)</td>.*?(?<good><td>[^<]*</td>)</tr>")
            .Select(m => (m.Groups["judge"].Value, m.Groups["tied"].Success, m.Groups["rank"].Value, m.Groups["good"].Value))
            .ToList();
        Assert.Equal([("x", true, "1 (tied)", "<td>tied best</td>"), ("y", true, "1 (tied)", "<td>tied best</td>"), ("z", false, "3", "<td>yes</td>")], ranks);
        Assert.Contains("The most accurate judges are x and y, tied: their verdicts are identical on every pair", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>best</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_whose_option_changed_no_verdict_says_so_in_the_summary_and_the_sweep_section()
    {
        var rows = TenLabels.Select((l, i) => Row(l, new JudgeOutcome(TenVerdicts[i], 0.6), new JudgeOutcome(TenVerdicts[i], 0.7), new JudgeOutcome(TenVerdicts[i], 0.8))).ToArray();
        var axis = new SweepAxis("resonance_threshold", [new SweepPoint("k6", 0.6), new SweepPoint("k7", 0.7), new SweepPoint("k8", 0.8)]);
        var statistics = StatisticsCalculator.Compute(rows, ["k6", "k7", "k8"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2, Sweep = axis });

        var html = HtmlReportWriter.Render(statistics, "sweep.csv");

        Assert.Contains("<li>resonance_threshold changed no verdict across its 3 values: every variant gave the same verdict on every pair.</li>", Section(html, "summary"), StringComparison.Ordinal);
        Assert.Contains("<p class=\"notice\">resonance_threshold changed no verdict across its 3 values: every variant gave the same verdict on every pair; the variants are tied, whatever their scores.</p>", Section(html, "sweep"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dash_in_the_metrics_has_its_reason_below_the_table()
    {
        // Every labelled pair is a contradiction: the AUROC is undefined (no non-contradiction to rank against).
        var rows = new[] { true, true, true }.Select(l => Row(l, new JudgeOutcome(true, 0.9))).ToArray();
        var statistics = StatisticsCalculator.Compute(rows, ["kimera"], NoBootstrap);

        var metrics = Section(HtmlReportWriter.Render(statistics, "one-class.csv"), "metrics");

        Assert.Contains("<p class=\"note\">– for the AUROC of kimera: its labelled pairs are all of one class (or have no score).</p>", metrics, StringComparison.Ordinal);
    }

    private static PairOutcome Row(bool label, params JudgeOutcome[] judges) => new(label, "en", null, null, null, judges);

    /// <summary>The HTML of one section, entities decoded.</summary>
    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return WebUtility.HtmlDecode(html[start..end]);
    }
}
