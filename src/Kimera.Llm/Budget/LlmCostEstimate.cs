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

    /// <summary>1 when the preflight request is counted in the tokens and the cost (it is sent whenever a pair is to ask).</summary>
    [JsonPropertyName("preflight_requests")]
    public int PreflightRequests { get; init; }

    /// <summary>Whether the model's prices are known; when not, <see cref="CostUsd"/> is 0 and the cost is unknown.</summary>
    [JsonPropertyName("prices_known")]
    public bool PricesKnown { get; init; } = true;

    /// <summary>A one-line explanation for the command line.</summary>
    public string Describe()
    {
        var preflight = PreflightRequests > 0 ? " and the preflight request" : string.Empty;
        var cost = PricesKnown ? string.Create(CultureInfo.InvariantCulture, $"at most ${CostUsd:0.######}") : "cost unknown (no prices for this model)";
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"LLM judge estimate: {Pairs} pairs{preflight}, at most {InputTokens} input + {OutputTokens} output tokens ({Encoding}), {cost}");
        if (BudgetUsd is { } budget)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; budget ${budget:0.######}");
            text += ExceedsBudget ? " - over budget, refusing to start" : string.Empty;
        }

        return text;
    }
}
