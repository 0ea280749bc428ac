using Kimera.Statistics;

namespace Kimera.Reporting.Tests;

/// <summary>The question, headline and first sentence of the verdict for every judge combination: Kimera alone, the LLM alone,
/// one judge from a judge file, Kimera and the LLM, two judges from a judge file, and more than two judges.</summary>
public sealed class VerdictSentenceTests
{
    private static readonly StatisticsOptions Options = new() { BootstrapResamples = 0, Folds = 2 };

    // Two labelled pairs, both judged right: accuracy 1, F1 1, AUROC 1 (no bootstrap, so no intervals).
    private static readonly PairOutcome[] OneJudgeRows =
    [
        new(true, "en", "contradiction", "a", "b", [new JudgeOutcome(true, 0.9)]),
        new(false, "en", "contradiction", "c", "d", [new JudgeOutcome(false, 0.2)]),
    ];

    private const string OnItsOwn = "accuracy 1.000, F1 1.000 and AUROC 1.000 on 2 labelled pairs (95% bootstrap intervals in brackets).";

    [Fact]
    public void Kimera_alone_asks_for_an_llm()
    {
        var verdict = ReportVerdict.Of(StatisticsCalculator.Compute(OneJudgeRows, ["kimera"], Options));

        Assert.Equal("How good is Kimera?", ReportVerdict.Question(StatisticsCalculator.Compute(OneJudgeRows, ["kimera"], Options)));
        Assert.Equal("Cannot answer: only one judge ran.", verdict.Headline);
        Assert.Equal(
            [
                "Only one judge (Kimera) is in these results, so it cannot be compared with an LLM. Run with both judges (--judges kimera,llm and an API key) to answer the question.",
                "On its own, Kimera has " + OnItsOwn,
            ],
            verdict.Details);
    }

    [Fact]
    public void The_llm_alone_asks_for_kimera_and_is_never_compared_with_itself()
    {
        var statistics = StatisticsCalculator.Compute(OneJudgeRows, ["llm"], Options);

        var verdict = ReportVerdict.Of(statistics);

        Assert.Equal("How good is the LLM?", ReportVerdict.Question(statistics));
        Assert.Equal("Cannot answer: only one judge ran.", verdict.Headline);
        Assert.Equal(
            [
                "Only one judge (the LLM) is in these results, so it cannot be compared with Kimera. Run with both judges (--judges kimera,llm) to answer the question.",
                "On its own, the LLM has " + OnItsOwn,
            ],
            verdict.Details);
        Assert.DoesNotContain("the LLM and the LLM", HtmlReportWriter.Render(statistics, "r.csv"), StringComparison.Ordinal);
    }

    [Fact]
    public void One_judge_from_a_judge_file_asks_for_a_second_judge()
    {
        var statistics = StatisticsCalculator.Compute(OneJudgeRows, ["mini"], Options);

        var verdict = ReportVerdict.Of(statistics);

        Assert.Equal("How good is mini?", ReportVerdict.Question(statistics));
        Assert.Equal("Cannot answer: only one judge ran.", verdict.Headline);
        Assert.Equal(
            [
                "Only one judge (mini) is in these results, so there is nothing to compare it with. Add a second judge (--judges kimera,llm, or another entry in the judge file) to answer the question.",
                "On its own, mini has " + OnItsOwn,
            ],
            verdict.Details);
    }

    [Theory]
    [InlineData("kimera", "llm", "Is Kimera as good as the LLM?", "No significant difference in accuracy between Kimera and the LLM.")]
    [InlineData("llm", "kimera", "Is Kimera as good as the LLM?", "No significant difference in accuracy between Kimera and the LLM.")]
    [InlineData("mini", "big", "Is mini as good as big?", "No significant difference in accuracy between mini and big.")]
    [InlineData("kimera", "kimera-int8", "Is Kimera as good as kimera-int8?", "No significant difference in accuracy between Kimera and kimera-int8.")]
    public void Two_judges_are_named_as_they_are(string first, string second, string question, string headline)
    {
        // Four labelled pairs: the first judge is wrong on pair 1 only, the second on pair 2 only: one discordant pair each
        // way, McNemar exact p = 1.
        PairOutcome[] rows =
        [
            Row(true, false, 0.4, true, 0.8),
            Row(false, false, 0.3, true, 0.7),
            Row(true, true, 0.9, true, 0.9),
            Row(false, false, 0.1, false, 0.2),
        ];
        var statistics = StatisticsCalculator.Compute(rows, [first, second], Options);

        var verdict = ReportVerdict.Of(statistics);

        Assert.Equal(question, ReportVerdict.Question(statistics));
        Assert.Equal(headline, verdict.Headline);
        Assert.Contains("were right only by", verdict.Details[1], StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_two_judges_ask_which_are_as_good_as_the_best()
    {
        // Three judges right on every one of four labelled pairs: identical verdicts, so all three share the first rank
        // and none of them alone is "the best".
        PairOutcome[] rows =
        [
            new(true, "en", "contradiction", "a", "b", [new JudgeOutcome(true, 0.9), new JudgeOutcome(true, 0.8), new JudgeOutcome(true, 0.7)]),
            new(false, "en", "contradiction", "c", "d", [new JudgeOutcome(false, 0.1), new JudgeOutcome(false, 0.2), new JudgeOutcome(false, 0.3)]),
            new(true, "en", "contradiction", "e", "f", [new JudgeOutcome(true, 0.8), new JudgeOutcome(true, 0.9), new JudgeOutcome(true, 0.6)]),
            new(false, "en", "contradiction", "g", "h", [new JudgeOutcome(false, 0.2), new JudgeOutcome(false, 0.1), new JudgeOutcome(false, 0.4)]),
        ];
        var statistics = StatisticsCalculator.Compute(rows, ["kimera", "llm", "mini"], Options);

        var verdict = ReportVerdict.Of(statistics);

        Assert.Equal("Which judges are as good as the best one?", ReportVerdict.Question(statistics));
        Assert.Equal("All 3 judges are as good as the best one (Kimera, the LLM and mini, tied): none is shown less accurate.", verdict.Headline);
        Assert.StartsWith("The most accurate judges are Kimera, the LLM and mini, tied: their verdicts are identical on every pair, with accuracy 1.000", verdict.Details[0], StringComparison.Ordinal);
    }

    private static PairOutcome Row(bool label, bool predA, double scoreA, bool predB, double scoreB) =>
        new(label, "en", "contradiction", "x", "y", [new JudgeOutcome(predA, scoreA), new JudgeOutcome(predB, scoreB)]);
}
