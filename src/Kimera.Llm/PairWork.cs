using OpenAI.Chat;

namespace Kimera.Llm;

/// <summary>One pair's request and its attempt counters, carried through the resilience pipeline.</summary>
internal sealed class PairWork(string pairId, IReadOnlyList<ChatMessage> messages, int promptTokens, int rateTokens, decimal worstCaseCost)
{
    public string PairId { get; } = pairId;

    public IReadOnlyList<ChatMessage> Messages { get; } = messages;

    public int PromptTokens { get; } = promptTokens;

    /// <summary>What the tokens-per-window bucket is charged: prompt plus the most output the request allows.</summary>
    public int RateTokens { get; } = rateTokens;

    public decimal WorstCaseCost { get; } = worstCaseCost;

    public int Attempts { get; set; }

    public int TransientFailures { get; set; }

    public int ParseFailures { get; set; }

    /// <summary>Tokens of every answered attempt of this pair (what it was charged).</summary>
    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    /// <summary>Of <see cref="OutputTokens"/>, what the model reported as reasoning.</summary>
    public long ReasoningTokens { get; set; }

    /// <summary>Attempts whose answer had no <c>usage</c>: their tokens were counted with the tokenizer.</summary>
    public int EstimatedRequests { get; set; }

    public int RateLimited { get; set; }

    /// <summary>Why the retry strategy last scheduled another attempt, and the wait it chose: logged when that attempt is sent.</summary>
    public string? RetryReason { get; set; }

    /// <summary>The failure the retry strategy last scheduled another attempt after: the pair's cause should that attempt
    /// not be sent (the budget refused it).</summary>
    public Exception? RetryAfterFailure { get; set; }

    public double RetryDelayMs { get; set; }
}
