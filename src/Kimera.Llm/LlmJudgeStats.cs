using System.Text.Json.Serialization;

namespace Kimera.Llm;

/// <summary>What the LLM judge did and spent in this process, for <c>report.json</c> (snake_case names).</summary>
/// <param name="Requests">HTTP requests sent, every attempt counted.</param>
/// <param name="RateLimited">429 responses received.</param>
/// <param name="Retries">Attempts sent after a pair's first (after a failed or unparsable one); a retry the circuit breaker refuses is not one.</param>
/// <param name="CacheHits">Pairs answered from the judgement cache without a request.</param>
/// <param name="Judged">Pairs that got a verdict from the endpoint.</param>
/// <param name="Failed">Pairs recorded as errors, budget-skipped ones included.</param>
/// <param name="BudgetSkipped">Pairs not asked because the budget was spent.</param>
public sealed record LlmJudgeStats(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("cost_usd")] decimal CostUsd,
    [property: JsonPropertyName("rate_limited")] long RateLimited,
    [property: JsonPropertyName("retries")] long Retries,
    [property: JsonPropertyName("cache_hits")] long CacheHits,
    [property: JsonPropertyName("judged")] long Judged,
    [property: JsonPropertyName("failed")] long Failed,
    [property: JsonPropertyName("budget_skipped")] long BudgetSkipped)
{
    /// <summary>Of <see cref="OutputTokens"/>, the model's reasoning (<c>completion_tokens_details.reasoning_tokens</c>).</summary>
    [JsonPropertyName("reasoning_tokens")]
    public long ReasoningTokens { get; init; }

    /// <summary>Requests whose answer had no <c>usage</c>: their tokens were counted with the tokenizer.</summary>
    [JsonPropertyName("usage_estimated_requests")]
    public long UsageEstimatedRequests { get; init; }

    /// <summary><c>measured</c>, <c>estimated</c> or <c>unknown</c> (<see cref="Kimera.Judging.CostBases"/>); with
    /// <c>unknown</c>, <see cref="CostUsd"/> is 0 and means nothing.</summary>
    [JsonPropertyName("cost_basis")]
    public string CostBasis { get; init; } = Kimera.Judging.CostBases.Measured;
}
