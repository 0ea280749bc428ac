namespace Kimera.Judging.Tests;

/// <summary>The majority of a judge's repeats, by mean score (hand-computed cases).</summary>
public sealed class RepeatedVerdictTests
{
    [Fact]
    public void The_mean_score_decides_and_the_confidence_is_how_far_it_leans()
    {
        // Scores 0.9, 0.2 (no contradiction at confidence 0.8) and 0.7: mean 1.8 / 3 = 0.6 → a contradiction at 0.6.
        var verdict = RepeatedVerdict.Combine([
            new Judgement(true, 0.9, "a") { Usage = new JudgeUsage(Requests: 1, CostUsd: 0.001) },
            new Judgement(false, 0.8, "b") { Usage = new JudgeUsage(Requests: 2, CostUsd: 0.002, Retries: 1) },
            new Judgement(true, 0.7, "c") { Usage = new JudgeUsage(FromCache: true) },
        ]);

        Assert.True(verdict.IsContradiction);
        Assert.Equal(0.6, verdict.Confidence!.Value, 12);
        Assert.Equal(0.6, verdict.Score!.Value, 12);
        Assert.Equal("majority of 3 of 3 repeats (2 contradiction, 1 not; mean score 0.6)", verdict.Reasoning);
        // Usage is summed on the majority and taken off the repeats, so nothing is counted twice.
        Assert.Equal(3, verdict.Usage!.Requests);
        Assert.Equal(0.003, verdict.Usage.CostUsd, 12);
        Assert.Equal(1, verdict.Usage.Retries);
        Assert.False(verdict.Usage.FromCache);
        Assert.All(verdict.Repeats!, r => Assert.Null(r.Usage));
        Assert.Equal([true, false, true], verdict.Repeats!.Select(r => r.IsContradiction));
    }

    [Fact]
    public void A_tie_is_no_contradiction_and_failed_repeats_are_left_out()
    {
        // 0.9 and 0.1 (no contradiction at 0.9): mean 0.5, a tie → no contradiction, confidence 0.5; the failure is left out.
        var verdict = RepeatedVerdict.Combine([new Judgement(true, 0.9, null), Judgement.Failed("HTTP 500"), new Judgement(false, 0.9, null)]);

        Assert.False(verdict.IsContradiction);
        Assert.Equal(0.5, verdict.Confidence!.Value, 12);
        Assert.Equal("majority of 2 of 3 repeats (1 contradiction, 1 not; mean score 0.5)", verdict.Reasoning);
        Assert.Equal("HTTP 500", verdict.Repeats![1].Error);
    }

    [Fact]
    public void When_every_repeat_failed_so_does_the_verdict()
    {
        var verdict = RepeatedVerdict.Combine([Judgement.Failed("budget exhausted"), Judgement.Failed("HTTP 500")]);

        Assert.False(verdict.IsJudged);
        Assert.Equal("budget exhausted", verdict.Error);
        Assert.Equal(2, verdict.Repeats!.Count);
    }
}
