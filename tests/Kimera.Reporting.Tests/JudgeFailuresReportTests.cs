using Kimera.Statistics;

namespace Kimera.Reporting.Tests;

/// <summary>A judge that could not judge pairs: its error causes, normalised and counted, at the top of report.html.</summary>
public sealed class JudgeFailuresReportTests
{
    [Theory]
    [InlineData("judge unavailable: connection refused (127.0.0.1:1234)", "judge unavailable: connection refused")]
    [InlineData("HTTP 500 (The server had an error.) (after 7 attempts)", "HTTP 500")]
    [InlineData("no answer within 30 s (after 1 attempt)", "no answer within 30 s")]
    [InlineData("unparsable answer: no JSON object (a (nested) part)", "unparsable answer: no JSON object")]
    [InlineData("  ", "no verdict")]
    [InlineData(null, "no verdict")]
    public void Causes_are_errors_without_their_particulars(string? error, string cause) =>
        Assert.Equal(cause, ErrorCause.Normalise(error));

    [Fact]
    public void Causes_are_counted_most_frequent_first()
    {
        var top = ErrorCause.Top(
        [
            "judge unavailable: connection refused (127.0.0.1:1234)",
            "judge unavailable: connection refused (127.0.0.1:5678)",
            "HTTP 500 (after 7 attempts)",
            "judge unavailable: connection refused (127.0.0.1:1234)",
        ]);

        Assert.Equal([new ErrorCause("judge unavailable: connection refused", 3), new ErrorCause("HTTP 500", 1)], top);
    }

    [Fact]
    public void A_judge_that_failed_on_every_pair_is_named_with_its_causes_before_the_verdict()
    {
        var rows = Enumerable.Range(0, 4).Select(i => new PairOutcome(
            i % 2 == 0, "en", null, null, null,
            [new JudgeOutcome(i % 2 == 0, 0.7), new JudgeOutcome(null, null, $"judge unavailable: connection refused (127.0.0.1:{i})")])).ToArray();
        var statistics = StatisticsCalculator.Compute(rows, ["kimera", "llm"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 });

        Assert.Equal([new ErrorCause("judge unavailable: connection refused", 4)], statistics.Judges["llm"].ErrorCauses);
        Assert.Empty(statistics.Judges["kimera"].ErrorCauses);
        var html = HtmlReportWriter.Render(statistics, "r.csv");
        var failures = html.IndexOf("id=\"judge-failures\"", StringComparison.Ordinal);
        Assert.True(failures > 0 && failures < html.IndexOf("id=\"summary\"", StringComparison.Ordinal));
        Assert.Contains("The llm judge could not judge any of the 4 pairs", html, StringComparison.Ordinal);
        Assert.Contains("<li>judge unavailable: connection refused: 4 pairs</li>", html, StringComparison.Ordinal);
        Assert.Contains("\"error_causes\":[{\"cause\":\"judge unavailable: connection refused\",\"count\":4}]", statistics.ToJson(indented: false), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_errors_has_no_failure_notice() =>
        Assert.DoesNotContain(
            "id=\"judge-failures\"",
            HtmlReportWriter.Render(StatisticsCalculator.Compute([new PairOutcome(true, "en", null, null, null, [new JudgeOutcome(true, 0.9)])], ["kimera"], new StatisticsOptions { BootstrapResamples = 0 }), "r.csv"),
            StringComparison.Ordinal);
}
