namespace Kimera.Judging;

/// <summary>What judging one pair cost: requests sent, tokens, money, and how it went (cache, throttling, retries).</summary>
public sealed record JudgeUsage(
    int Requests = 0,
    long InputTokens = 0,
    long OutputTokens = 0,
    double CostUsd = 0,
    bool FromCache = false,
    int RateLimited = 0,
    int Retries = 0);
