using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Judges;

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
        Assert.Equal(new LlmRateLimits(62, 25_000), share);
    }

    [Fact]
    public void The_window_shrinks_to_the_chunk_count_and_to_what_the_token_limit_can_split()
    {
        // Three chunks only: no point holding a share for an eighth.
        Assert.Equal(3, new LlmRateLimits(500, 200_000).MaxChunksInFlight(requested: 8, chunkCount: 3));
        // 3 500 tokens/min split four ways would give 875, under the judge's minimum of 1 000: three chunks at 1 166 each.
        var tight = new LlmRateLimits(500, 3_500);
        Assert.Equal(3, tight.MaxChunksInFlight(requested: 4, chunkCount: 100));
        Assert.Equal(new LlmRateLimits(166, 1_166), tight.ShareOf(3));
        // Two requests a minute cannot feed more than two chunks.
        Assert.Equal(2, new LlmRateLimits(2, 200_000).MaxChunksInFlight(requested: 8, chunkCount: 100));
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

        var copy = LlmJudgeFactory.WithShare(configured, new LlmRateLimits(5, 30_000));

        Assert.Equal((5, 30_000, 5), (copy.RequestsPerMinute, copy.TokensPerMinute, copy.MaxConcurrency));
        Assert.Equal((configured.Endpoint, "test-key", "gpt-test", 2, 1.5m), (copy.Endpoint, copy.ApiKey, copy.Model, copy.MaxRetries, copy.BudgetUsd));
        // The configured options are not touched.
        Assert.Equal((600, 90_000, 8), (configured.RequestsPerMinute, configured.TokensPerMinute, configured.MaxConcurrency));
    }
}
