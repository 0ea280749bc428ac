using System.Collections.Concurrent;
using Kimera.Judging;
using Kimera.Llm.Prompt;
using Microsoft.ML.Tokenizers;

namespace Kimera.Llm.Budget;

/// <summary>Counts the prompt tokens of a pair with the model's tiktoken encoding (o200k for the gpt-4o family,
/// cl100k for gpt-4/3.5, o200k for models it does not know) and prices a run before it starts.</summary>
public sealed class LlmBudgetEstimator
{
    private const string FallbackEncoding = "o200k_base";

    // Loading an encoding parses a multi-megabyte vocabulary: once per process is enough.
    private static readonly ConcurrentDictionary<string, Lazy<(Tokenizer Tokenizer, string Encoding)>> Tokenizers = new(StringComparer.Ordinal);

    private readonly LlmJudgeOptions _options;
    private readonly Tokenizer _tokenizer;
    private readonly int _systemTokens;

    public LlmBudgetEstimator(LlmJudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        (_tokenizer, Encoding) = Tokenizers.GetOrAdd(options.Model, model => new(() => Load(model))).Value;
        _systemTokens = _tokenizer.CountTokens(ContradictionPrompt.SystemMessage);
    }

    /// <summary>The tiktoken encoding in use, e.g. <c>o200k_base</c>.</summary>
    public string Encoding { get; }

    /// <summary>Tokens of a text in this encoding.</summary>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _tokenizer.CountTokens(text);
    }

    /// <summary>Prompt tokens of one request as OpenAI counts chat messages: 3 per message plus the role and content
    /// tokens, plus 3 that prime the reply (OpenAI cookbook, "How to count tokens with tiktoken").</summary>
    public int PromptTokens(string first, string second)
    {
        var user = _tokenizer.CountTokens(ContradictionPrompt.UserMessage(first, second));
        return 3 + (3 + 1 + _systemTokens) + (3 + 1 + user);
    }

    /// <summary>The most the request for one pair can cost, in US dollars.</summary>
    /// <remarks>The output-token limit bounds the answer and, for a reasoning model, its reasoning tokens, which are billed
    /// as output. 0 when the prices are unknown (no budget is accepted then).</remarks>
    public decimal WorstCaseCost(int promptTokens) =>
        (promptTokens * (_options.InputPrice ?? 0m) + _options.OutputTokenLimit * (_options.OutputPrice ?? 0m)) / 1_000_000m;

    /// <summary>Prices sending every given pair once, and with <paramref name="preflight"/> the preflight request
    /// (<see cref="LlmJudge.PreflightPair"/>) too: it is charged to the budget like any request. Each request is counted at
    /// its prompt tokens plus the whole output-token limit (reasoning included).</summary>
    public LlmCostEstimate Estimate(IEnumerable<JudgeInput> pairs, bool preflight = false)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var count = 0;
        long input = 0;
        foreach (var pair in pairs)
        {
            input += PromptTokens(pair.First.Echo, pair.Second.Echo);
            count++;
        }

        var requests = (long)count;
        if (preflight)
        {
            input += PromptTokens(LlmJudge.PreflightPair.First, LlmJudge.PreflightPair.Second);
            requests++;
        }

        var output = requests * _options.OutputTokenLimit;
        var cost = (input * (_options.InputPrice ?? 0m) + output * (_options.OutputPrice ?? 0m)) / 1_000_000m;
        return new LlmCostEstimate(count, input, output, cost, _options.BudgetUsd, Encoding)
        {
            PreflightRequests = preflight ? 1 : 0,
            PricesKnown = _options.PricesKnown,
        };
    }

    private static (Tokenizer, string) Load(string model)
    {
        var encoding = EncodingFor(model);
        return (TiktokenTokenizer.CreateForEncoding(encoding), encoding);
    }

    /// <summary>The encoding tiktoken's model table gives (o200k for the gpt-4o generation and later, cl100k for
    /// gpt-4 and gpt-3.5); o200k for models it does not list (Llama, Mistral…), a fair estimate that errs high.</summary>
    internal static string EncodingFor(string model)
    {
        // OpenRouter names models "openai/gpt-4o-mini"; the table knows them by the last segment.
        var name = model[(model.LastIndexOf('/') + 1)..].ToLowerInvariant();
        string[] o200k = ["gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "gpt-oss", "o1", "o3", "o4"];
        string[] cl100k = ["gpt-4", "gpt-3.5", "gpt-35", "text-embedding-3", "text-embedding-ada-002"];
        if (o200k.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return "o200k_base";
        }

        return cl100k.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)) ? "cl100k_base" : FallbackEncoding;
    }
}
