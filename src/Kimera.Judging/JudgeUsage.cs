namespace Kimera.Judging;

/// <summary>What judging one pair cost: requests sent, tokens, money, and how it went (cache, throttling, retries).</summary>
/// <param name="OutputTokens">Completion tokens, the model's reasoning tokens included (OpenAI bills them as output).</param>
/// <param name="ReasoningTokens">Of <paramref name="OutputTokens"/>, the model's thinking (<c>completion_tokens_details.reasoning_tokens</c>).</param>
/// <param name="EstimatedRequests">Requests whose answer carried no <c>usage</c> (Ollama, LM Studio): their tokens were
/// counted with the tokenizer, so the cost is an estimate.</param>
/// <param name="PriceUnknown">The model's prices are not known: <paramref name="CostUsd"/> is 0 and means nothing.</param>
public sealed record JudgeUsage(
    int Requests = 0,
    long InputTokens = 0,
    long OutputTokens = 0,
    double CostUsd = 0,
    bool FromCache = false,
    int RateLimited = 0,
    int Retries = 0,
    long ReasoningTokens = 0,
    int EstimatedRequests = 0,
    bool PriceUnknown = false);
