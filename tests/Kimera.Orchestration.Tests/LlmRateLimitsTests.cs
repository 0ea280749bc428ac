using Kimera.Judging;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;

namespace Kimera.Orchestration.Tests;

public sealed class LlmRateLimitsTests
{
    [Fact]
    public void Each_chunk_in_flight_gets_an_equal_share_rounded_down()
    {
        var limits = new LlmRateLimits(500, 200_000);

        var window = limits.MaxChunksInFlight(requested: 8, chunkCount: 100);
        var share = limits.ShareOf(window);

        // 500 / 8 = 62.5 → 62 requests; 200 000 / 8 = 25 000 tokens; 8 × 62 = 496 ≤ 500.
        Assert.Equal(8, window);
        Assert.Equal(new LlmRateLimits(62, 25_000) { ChunksInFlight = window }, share);
    }

    [Fact]
    public void The_window_shrinks_to_the_chunk_count_and_to_what_the_token_limit_can_split()
    {
        // Three chunks only: no point holding a share for an eighth.
        Assert.Equal(3, new LlmRateLimits(500, 200_000).MaxChunksInFlight(requested: 8, chunkCount: 3));
        // 3 500 tokens/min split four ways would give 875, under the judge's minimum of 1 000: three chunks at 1 166 each.
        var tight = new LlmRateLimits(500, 3_500);
        Assert.Equal(3, tight.MaxChunksInFlight(requested: 4, chunkCount: 100));
        Assert.Equal(new LlmRateLimits(166, 1_166) { ChunksInFlight = 3 }, tight.ShareOf(3));
        // A judge needs two requests a minute (its rate gate admits a burst permit plus a refill in any window):
        // two requests feed one chunk, five feed two.
        Assert.Equal(1, new LlmRateLimits(2, 200_000).MaxChunksInFlight(requested: 8, chunkCount: 100));
        Assert.Equal(2, new LlmRateLimits(5, 200_000).MaxChunksInFlight(requested: 8, chunkCount: 100));
        Assert.Equal(new LlmRateLimits(2, 100_000) { ChunksInFlight = 2 }, new LlmRateLimits(5, 200_000).ShareOf(2));
    }

    [Fact]
    public void The_judge_options_of_a_share_keep_every_other_setting()
    {
        var configured = new LlmJudgeOptions
        {
            Endpoint = new Uri("http://localhost:5000/v1/"),
            ApiKey = "test-key",
            Model = "gpt-test",
            RequestsPerMinute = 600,
            TokensPerMinute = 90_000,
            MaxConcurrency = 8,
            MaxRetries = 2,
            BudgetUsd = 1.5m,
        };

        var copy = LlmJudgeSource.WithShare(configured, new LlmShare(5, 30_000, 1m));

        Assert.Equal((5, 30_000, 5), (copy.RequestsPerMinute, copy.TokensPerMinute, copy.MaxConcurrency));
        Assert.Equal((configured.Endpoint, "test-key", "gpt-test", 2, 1.5m), (copy.Endpoint, copy.ApiKey, copy.Model, copy.MaxRetries, copy.BudgetUsd));
        // The configured options are not touched.
        Assert.Equal((600, 90_000, 8), (configured.RequestsPerMinute, configured.TokensPerMinute, configured.MaxConcurrency));
    }

    [Fact]
    public void A_chunk_may_spend_its_pairs_fraction_of_the_budget_and_the_parts_never_add_up_to_more()
    {
        var configured = new LlmJudgeOptions { BudgetUsd = 1.5m };
        LlmShare Share(decimal fraction) => new(5, 30_000, fraction);

        Assert.Equal(0.375m, LlmJudgeSource.WithShare(configured, Share(0.25m)).BudgetUsd);
        Assert.Equal(1.5m, LlmJudgeSource.WithShare(configured, Share(1m)).BudgetUsd);

        // 17 pairs in chunks of 5, 5, 5, 2: parts of 1.5 × 5/17 = 0.441176470588… and 1.5 × 2/17 = 0.176470588235…,
        // each rounded down to 1e-9, so they add up to at most the budget and fall short by less than 4e-9.
        var parts = new[] { 5, 5, 5, 2 }.Select(pairs => LlmJudgeSource.WithShare(configured, Share(pairs / 17m)).BudgetUsd!.Value).ToArray();
        Assert.Equal([0.441176470m, 0.441176470m, 0.441176470m, 0.176470588m], parts);
        Assert.InRange(parts.Sum(), 1.5m - 4e-9m, 1.5m);

        // No budget configured: none per chunk either.
        Assert.Null(LlmJudgeSource.WithShare(new LlmJudgeOptions(), Share(0.25m)).BudgetUsd);
        Assert.Throws<ArgumentOutOfRangeException>(() => LlmJudgeSource.WithShare(configured, Share(0m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LlmJudgeSource.WithShare(configured, Share(1.01m)));
    }

    [Fact]
    public void A_run_with_its_own_budget_gives_each_chunk_its_pairs_fraction_of_that_budget_instead_of_the_configured_one()
    {
        var configured = new LlmJudgeOptions { BudgetUsd = 2m };

        // $0.12 over 4 chunks of 5 pairs: $0.03 each; the configured $2 plays no part.
        Assert.Equal(0.03m, LlmJudgeSource.WithShare(configured, new LlmShare(5, 30_000, 0.25m, RunBudgetUsd: 0.12m)).BudgetUsd);
        // Without a configured budget too.
        Assert.Equal(0.03m, LlmJudgeSource.WithShare(new LlmJudgeOptions(), new LlmShare(5, 30_000, 0.25m, RunBudgetUsd: 0.12m)).BudgetUsd);
        // No budget of its own: the configured one, as before.
        Assert.Equal(0.5m, LlmJudgeSource.WithShare(configured, new LlmShare(5, 30_000, 0.25m)).BudgetUsd);
    }

    [Fact]
    public void Every_chunk_share_carries_the_run_budget_whole()
    {
        // The budget is the run's; each chunk takes its fraction of it later, by its pairs (ProcessChunkActivity).
        var limits = new LlmRateLimits(500, 200_000) { BudgetUsd = 0.12m };

        Assert.Equal(new LlmRateLimits(62, 25_000) { ChunksInFlight = 8, BudgetUsd = 0.12m }, limits.ShareOf(8));
        Assert.Null(new LlmRateLimits(500, 200_000).ShareOf(8).BudgetUsd);
    }
}
