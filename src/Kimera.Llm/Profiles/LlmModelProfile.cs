using System.Text.Json.Serialization;

namespace Kimera.Llm.Profiles;

/// <summary>One model family of <c>Profiles/model-profiles.json</c>: what it takes in a request and what it costs.</summary>
/// <param name="Family">The family's name, e.g. <c>o3-mini</c>; <see cref="LlmModelProfiles.UnknownFamily"/> for a model not listed.</param>
/// <param name="Prefixes">Model names that start with one of these belong to the family (the longest match wins).</param>
/// <param name="Reasoning">Whether the model thinks before it answers, spending output tokens on it (o-series, gpt-5).</param>
/// <param name="Temperature">Whether the model accepts a temperature other than its default; without it the request leaves it out.</param>
/// <param name="OutputLimitParameter"><c>max_completion_tokens</c> or the older <c>max_tokens</c>.</param>
/// <param name="ReasoningEffort">Whether the model accepts <c>reasoning_effort</c>.</param>
/// <param name="PriceInputPerMillion">List price in US dollars per million input tokens; <c>null</c> = unknown.</param>
/// <param name="PriceOutputPerMillion">List price in US dollars per million output tokens (reasoning tokens included); <c>null</c> = unknown.</param>
/// <param name="Source">Where the prices come from.</param>
public sealed record LlmModelProfile(
    [property: JsonPropertyName("family")] string Family,
    [property: JsonPropertyName("prefixes")] IReadOnlyList<string> Prefixes,
    [property: JsonPropertyName("reasoning")] bool Reasoning,
    [property: JsonPropertyName("temperature")] bool Temperature,
    [property: JsonPropertyName("output_limit_parameter")] string OutputLimitParameter,
    [property: JsonPropertyName("reasoning_effort")] bool ReasoningEffort,
    [property: JsonPropertyName("price_input_per_million")] decimal? PriceInputPerMillion,
    [property: JsonPropertyName("price_output_per_million")] decimal? PriceOutputPerMillion,
    [property: JsonPropertyName("source")] string? Source)
{
    /// <summary>The output-token limit of a request when no option sets one: room for the thinking of a reasoning model,
    /// a short JSON verdict otherwise.</summary>
    public int DefaultMaxOutputTokens => Reasoning ? LlmModelProfiles.ReasoningMaxOutputTokens : LlmModelProfiles.PlainMaxOutputTokens;
}
