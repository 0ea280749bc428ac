using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Kimera.Llm;

/// <summary>Settings of the LLM judge from environment variables named as .NET configuration names them,
/// <c>Kimera__Llm__AttemptTimeout=00:00:10</c>, <c>Kimera__Llm__UnavailableAfter=00:02:00</c> and so on (the section
/// <see cref="LlmJudgeOptions.SectionName"/>, as in the serverless app's settings). The key is never taken from here:
/// it comes from <c>OPENAI_API_KEY</c> only.</summary>
public static class LlmEnvironment
{
    /// <summary>The prefix of the variables that are read.</summary>
    public const string Prefix = "Kimera__Llm__";

    /// <summary>Sets every option named by a variable; <paramref name="variables"/> defaults to the process environment.</summary>
    public static void Apply(LlmJudgeOptions options, IDictionary? variables = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        variables ??= Environment.GetEnvironmentVariables();
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is string name && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                && !name[Prefix.Length..].Equals(nameof(LlmJudgeOptions.ApiKey), StringComparison.OrdinalIgnoreCase))
            {
                values[name[Prefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = entry.Value as string;
            }
        }

        if (values.Count > 0)
        {
            new ConfigurationBuilder().AddInMemoryCollection(values).Build().Bind(options);
        }
    }
}
