using System.Globalization;
using System.Text.Json.Serialization;

namespace Kimera.Llm.Budget;

/// <summary>The tokens and money a run would spend at most: prompt tokens of every pair still to ask plus the
/// maximum output tokens for each, at the configured prices.</summary>
/// <param name="Pairs">Pairs that would be sent (cached pairs excluded when the estimate came from the judge).</param>
/// <param name="Encoding">The tokenizer encoding used, e.g. <c>o200k_base</c>.</param>
public sealed record LlmCostEstimate(
    [property: JsonPropertyName("pairs")] int Pairs,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("cost_usd")] decimal CostUsd,
    [property: JsonPropertyName("budget_usd")] decimal? BudgetUsd,
    [property: JsonPropertyName("encoding")] string Encoding)
{
    /// <summary>True when a budget is set and the estimate is over it: the run must not start.</summary>
    [JsonPropertyName("exceeds_budget")]
    public bool ExceedsBudget => BudgetUsd is { } budget && CostUsd > budget;

    /// <summary>A one-line explanation for the command line.</summary>
    public string Describe()
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"LLM judge estimate: {Pairs} pairs, at most {InputTokens} input + {OutputTokens} output tokens ({Encoding}), at most ${CostUsd:0.######}");
        if (BudgetUsd is { } budget)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; budget ${budget:0.######}");
            text += ExceedsBudget ? " - over budget, refusing to start" : string.Empty;
        }

        return text;
    }
}
