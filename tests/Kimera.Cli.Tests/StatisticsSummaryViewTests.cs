using Kimera.Cli.Summary;
using Kimera.Statistics;

namespace Kimera.Cli.Tests;

public sealed class StatisticsSummaryViewTests
{
    [Fact]
    public void Two_judges_right_and_wrong_on_the_same_pairs_print_mcnemar_as_not_available_with_its_reason_never_blank()
    {
        // (label, a, b): a and b give the same verdict on every pair, so no pair has exactly one of them right:
        // McNemar's b = c = 0, its statistic is undefined, and the exact test's p-value is 1.
        (bool Label, bool A, bool B)[] pairs = [(true, true, true), (true, false, false), (false, false, false), (false, true, true)];
        var rows = pairs
            .Select(p => new PairOutcome(p.Label, "en", null, null, null, [new JudgeOutcome(p.A, p.A ? 0.9 : 0.1), new JudgeOutcome(p.B, p.B ? 0.8 : 0.2)]))
            .ToArray();
        var statistics = StatisticsCalculator.Compute(rows, ["a", "b"], new StatisticsOptions { BootstrapResamples = 100 });
        using var text = new StringWriter();

        StatisticsSummaryView.Write(new PlainSummaryOutput(text, 200), statistics);

        var line = Assert.Single(text.ToString().Split('\n'), l => l.StartsWith("a vs b:", StringComparison.Ordinal));
        Assert.Contains(", McNemar p = n/a (no pair on which exactly one of the two is right; exact 1)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("p =  ", line, StringComparison.Ordinal);
    }
}
