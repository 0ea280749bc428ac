using Kimera.Llm.Budget;
using Kimera.Llm.Prompt;

namespace Kimera.Llm.Tests;

public sealed class LlmBudgetEstimatorTests
{
    [Theory]
    [InlineData("gpt-4o-mini", "o200k_base")]
    [InlineData("openai/gpt-4o-mini", "o200k_base")]
    [InlineData("gpt-4.1-nano", "o200k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("llama3.1:8b", "o200k_base")]
    public void The_encoding_follows_tiktokens_model_table(string model, string encoding) =>
        Assert.Equal(encoding, new LlmBudgetEstimator(new LlmJudgeOptions { Model = model }).Encoding);

    [Fact]
    public void Token_counts_match_published_tiktoken_examples()
    {
        // OpenAI cookbook "How to count tokens with tiktoken": "tiktoken is great!" is 6 cl100k tokens.
        Assert.Equal(6, new LlmBudgetEstimator(new LlmJudgeOptions { Model = "gpt-4" }).CountTokens("tiktoken is great!"));
        // "hello world" is [24912, 2375] in o200k_base.
        Assert.Equal(2, new LlmBudgetEstimator(new LlmJudgeOptions()).CountTokens("hello world"));
    }

    [Fact]
    public void A_prompt_costs_its_message_tokens_plus_the_chat_framing()
    {
        var estimator = new LlmBudgetEstimator(new LlmJudgeOptions());
        var system = estimator.CountTokens(ContradictionPrompt.SystemMessage);
        var user = estimator.CountTokens("Statement 1: hello world\nStatement 2: hello world");

        // 3 per message + 1 role token each, plus 3 priming the reply: 3 + (4 + system) + (4 + user).
        Assert.Equal(11 + system + user, estimator.PromptTokens("hello world", "hello world"));
    }

    [Fact]
    public void The_estimate_prices_prompt_and_maximum_output_tokens()
    {
        var options = new LlmJudgeOptions { PriceInputPerMillion = 0.15m, PriceOutputPerMillion = 0.60m, MaxOutputTokens = 200, BudgetUsd = 1m };
        var estimator = new LlmBudgetEstimator(options);
        var pairs = TestPairs.Make(1000);
        long input = pairs.Sum(p => (long)estimator.PromptTokens(p.First.Echo, p.Second.Echo));

        var estimate = estimator.Estimate(pairs);

        Assert.Equal(1000, estimate.Pairs);
        Assert.Equal(input, estimate.InputTokens);
        Assert.Equal(200_000, estimate.OutputTokens);
        // 200,000 output tokens at $0.60/M = $0.12, plus the input at $0.15/M.
        Assert.Equal(0.12m + input * 0.15m / 1_000_000m, estimate.CostUsd);
        Assert.False(estimate.ExceedsBudget);
        Assert.True((estimate with { BudgetUsd = 0.1m }).ExceedsBudget);
        Assert.False((estimate with { BudgetUsd = null }).ExceedsBudget);
    }
}
