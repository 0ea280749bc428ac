using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kimera.Llm.Profiles;

/// <summary>The model families of the embedded, dated <c>Profiles/model-profiles.json</c>, looked up by model name: the
/// family whose prefix is the longest prefix of the name (after any <c>provider/</c> part, as OpenRouter names models).
/// A price follows the model's name, never its endpoint: a local proxy can front a paid model, and an Azure OpenAI
/// deployment matches only when it is named after its model.</summary>
public static class LlmModelProfiles
{
    /// <summary>The family of a model the file does not list: not reasoning, takes a temperature, prices unknown.</summary>
    public const string UnknownFamily = "unknown";

    /// <summary>Output-token limit of a reasoning model's request when no option sets one.</summary>
    public const int ReasoningMaxOutputTokens = 4000;

    /// <summary>Output-token limit of other models' requests when no option sets one.</summary>
    public const int PlainMaxOutputTokens = 200;

    private static readonly Lazy<ProfileFile> File = new(Load);

    /// <summary>The date the file's prices were last checked (<c>as_of</c>).</summary>
    public static string AsOf => File.Value.AsOf;

    /// <summary>Every family in the file.</summary>
    public static IReadOnlyList<LlmModelProfile> All => File.Value.Families;

    /// <summary>The profile of <paramref name="model"/>; for a model no family matches, an unknown profile with no prices.</summary>
    public static LlmModelProfile Find(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model[(model.LastIndexOf('/') + 1)..].Trim().ToLowerInvariant();
        LlmModelProfile? best = null;
        var bestLength = 0;
        foreach (var family in File.Value.Families)
        {
            foreach (var prefix in family.Prefixes)
            {
                if (prefix.Length > bestLength && name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    best = family;
                    bestLength = prefix.Length;
                }
            }
        }

        return best ?? new LlmModelProfile(UnknownFamily, [], Reasoning: false, Temperature: true, "max_completion_tokens", ReasoningEffort: false, null, null, null);
    }

    private static ProfileFile Load()
    {
        using var stream = typeof(LlmModelProfiles).Assembly.GetManifestResourceStream("Kimera.Llm.Profiles.model-profiles.json")
            ?? throw new InvalidOperationException("The embedded resource Kimera.Llm.Profiles.model-profiles.json is missing.");
        return JsonSerializer.Deserialize<ProfileFile>(stream)
            ?? throw new InvalidOperationException("Kimera.Llm.Profiles.model-profiles.json is empty.");
    }

    private sealed record ProfileFile(
        [property: JsonPropertyName("as_of")] string AsOf,
        [property: JsonPropertyName("families")] IReadOnlyList<LlmModelProfile> Families);
}
