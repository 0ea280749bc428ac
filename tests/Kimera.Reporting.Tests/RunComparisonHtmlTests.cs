using Kimera.Reporting.RunComparisons;
using Kimera.Statistics;
using Kimera.Statistics.RunComparisons;

namespace Kimera.Reporting.Tests;

public sealed class RunComparisonHtmlTests
{
    [Fact]
    public void The_page_shows_the_verdict_the_pairs_in_one_run_and_a_changed_pair_with_every_text_escaped()
    {
        // One judge, four labelled pairs: A right on all, B wrong on q1 (a contradiction it now calls compatible).
        MatchedPair[] pairs =
        [
            new("q0", true, [new JudgeOutcome(true, 0.9)], [new JudgeOutcome(true, 0.9)]),
            new("q1", true, [new JudgeOutcome(true, 0.8)], [new JudgeOutcome(false, 0.3)]),
            new("q2", false, [new JudgeOutcome(false, 0.1)], [new JudgeOutcome(false, 0.1)]),
            new("q3", false, [new JudgeOutcome(false, 0.2)], [new JudgeOutcome(false, 0.2)]),
        ];
        var comparison = RunComparer.Compare(
            pairs, [new JudgePairing("kimera", 0, "kimera", 0)], new StatisticsOptions { BootstrapResamples = 0 }, new RegressionRule(ComparedMetric.Accuracy));
        var report = new RunComparisonReport(
            "runs/<a>/pairs.csv", "runs/b/pairs.csv",
            new PairsInOneRun(0, []), new PairsInOneRun(1, ["q9"]),
            comparison,
            [new ChangedPairs("kimera", "kimera", [new ChangedPair("q1", "It is <b>open</b>", "It is shut", true, new ChangedVerdict(true, 0.8, "opposite & states"), new ChangedVerdict(false, 0.3, "compatible"))])]);

        var html = RunComparisonHtml.Render(report);

        Assert.Contains("<p class=\"source\">A: runs/&lt;a&gt;/pairs.csv</p>", html, StringComparison.Ordinal);
        Assert.Contains("1 pair(s) only in run B, left out of every figure: q9.", html, StringComparison.Ordinal);
        // b = 1, c = 0: exact p = 1, so no regression; without resamples the reason says there is no interval.
        Assert.Contains("<p class=\"headline\">No regression</p>", html, StringComparison.Ordinal);
        Assert.Contains("1 pair(s) changed: 0 fixed, 1 broken, 0 unlabelled.", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"text\" dir=\"auto\">It is &lt;b&gt;open&lt;/b&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<small>opposite &amp; states</small>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>open</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }
}
