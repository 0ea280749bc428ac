using Kimera.Llm;
using Kimera.Llm.Authentication;
using Microsoft.Extensions.Configuration;

namespace Kimera.Functions.Configuration;

/// <summary>The Functions app's default of <c>Kimera:Llm:Auth</c>: in Azure (<see cref="InstanceVariable"/> is set) with no
/// key configured (<c>Kimera:Llm:ApiKey</c>, <c>OPENAI_API_KEY</c>) and no <c>Kimera:Llm:Auth</c>, the LLM judge signs in
/// with the app's managed identity (<c>azure</c>). Anywhere else, or with a key, it is <c>key</c> as in every host.</summary>
public static class LlmAuthDefault
{
    /// <summary>Set by App Service (and so by Azure Functions) on every instance in Azure; not set by Core Tools locally.</summary>
    public const string InstanceVariable = "WEBSITE_INSTANCE_ID";

    /// <summary><paramref name="configuration"/> as it is when <c>Kimera:Llm:Auth</c> is set; when it is not (or blank, as the
    /// Bicep's app setting is by default), with <c>Kimera:Llm:Auth</c> = <c>azure</c> where the rule above applies, else <c>key</c>.</summary>
    public static IConfiguration Apply(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LlmJudgeOptions.SectionName);
        var keyless = string.IsNullOrWhiteSpace(section[nameof(LlmJudgeOptions.ApiKey)])
            && string.IsNullOrWhiteSpace(configuration[LlmServiceCollectionExtensions.ApiKeyVariable]);
        if (!string.IsNullOrWhiteSpace(section[nameof(LlmJudgeOptions.Auth)]))
        {
            return configuration;
        }

        var auth = keyless && !string.IsNullOrWhiteSpace(configuration[InstanceVariable]) ? LlmAuthentication.Azure : LlmAuthentication.Key;

        return new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{LlmJudgeOptions.SectionName}:{nameof(LlmJudgeOptions.Auth)}"] = auth.ToString().ToLowerInvariant(),
            })
            .Build();
    }
}
