using Kimera.Statistics;

namespace Kimera.Reporting.Tests;

public sealed class HtmlReportWriterTests
{
    private static readonly StatisticsOptions Options = new() { BootstrapResamples = 0, Folds = 2 };

    [Fact]
    public void Text_from_the_data_is_escaped_and_the_page_references_nothing_outside_itself()
    {
        var hostile = "<script>alert('x')</script>";
        var rows = new[]
        {
            Row(true, hostile, true, 0.9, false, 0.3),
            Row(false, hostile, false, 0.2, true, 0.7),
            Row(true, "en", true, 0.8, true, 0.6),
            Row(false, "en", false, 0.1, false, 0.4),
        };
        var statistics = StatisticsCalculator.Compute(rows, ["kimera", "a&b<i>"], Options);

        var html = HtmlReportWriter.Render(statistics, "results<1>.csv");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a&amp;b&lt;i&gt;", html, StringComparison.Ordinal);
        Assert.Contains("results&lt;1&gt;.csv", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_statistics_give_the_same_page()
    {
        var rows = new[] { Row(true, "en", true, 0.9, false, 0.3), Row(false, "de", false, 0.2, true, 0.7) };
        var statistics = StatisticsCalculator.Compute(rows, ["kimera", "llm"], Options);

        Assert.Equal(HtmlReportWriter.Render(statistics, "r.csv"), HtmlReportWriter.Render(statistics, "r.csv"));
    }

    [Fact]
    public void Verdict_says_kimera_is_less_accurate_when_the_llm_wins_ten_discordant_pairs_to_none()
    {
        // 10 labelled pairs (5 positive, 5 negative); the LLM is right on all, Kimera on none: b = 0, c = 10,
        // exact two-sided binomial p = 2 × 0.5¹⁰ = 0.001953125 < 0.05.
        var rows = Enumerable.Range(0, 10)
            .Select(i => i % 2 == 0
                ? Row(true, "en", false, 0.1 + (i * 0.01), true, 0.9 - (i * 0.01))
                : Row(false, "en", true, 0.9 - (i * 0.01), false, 0.1 + (i * 0.01)))
            .ToArray();
        var statistics = StatisticsCalculator.Compute(rows, ["kimera", "llm"], Options);

        var verdict = ReportVerdict.Of(statistics);

        Assert.Equal("No — Kimera is less accurate than the LLM on these pairs.", verdict.Headline);
        Assert.Equal("no", verdict.Tone);
        Assert.Contains("McNemar exact p = 0.002", verdict.Details[0], StringComparison.Ordinal);
        Assert.Contains("0 were right only by Kimera and 10 only by the LLM", verdict.Details[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_says_plainly_when_only_one_judge_ran_or_there_are_no_labels()
    {
        var one = StatisticsCalculator.Compute([Row1(true, true, 0.9), Row1(false, false, 0.2)], ["kimera"], Options);
        var unlabelled = StatisticsCalculator.Compute([Row(null, "en", true, 0.9, true, 0.8), Row(null, "en", false, 0.2, true, 0.6)], ["kimera", "llm"], Options);

        var single = ReportVerdict.Of(one);
        var noLabels = ReportVerdict.Of(unlabelled);

        Assert.Equal("Cannot answer: only one judge ran.", single.Headline);
        Assert.Contains("accuracy 1.000", single.Details[1], StringComparison.Ordinal);
        Assert.Equal("Cannot answer: the pairs have no labels.", noLabels.Headline);
        // Agreement on 1 of the 2 pairs both judged.
        Assert.Contains("agree on 50.0% of the 2 pairs", noLabels.Details[1], StringComparison.Ordinal);
        Assert.Contains("The pairs have no labels", HtmlReportWriter.Render(unlabelled, "u.csv"), StringComparison.Ordinal);
    }

    private static PairOutcome Row(bool? label, string lang, bool predA, double scoreA, bool predB, double scoreB) =>
        new(label, lang, "contradiction", "the sky is blue", "the sky is not blue", [new JudgeOutcome(predA, scoreA), new JudgeOutcome(predB, scoreB)]);

    private static PairOutcome Row1(bool label, bool pred, double score) =>
        new(label, "en", "contradiction", "a", "b", [new JudgeOutcome(pred, score)]);
}
