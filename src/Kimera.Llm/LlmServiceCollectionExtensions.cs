using Kimera.Judging;
using Kimera.Llm.Authentication;
using Kimera.Pipeline.Stages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kimera.Llm;

/// <summary>Registers the LLM judge: validated options, a named <c>IHttpClientFactory</c> client for the SDK's
/// transport, <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is registered already, and
/// <see cref="LlmJudgeSource"/> as the <see cref="ILlmJudgeSource"/> the <see cref="JudgeCatalog"/> builds every LLM judge from,
/// and <see cref="LlmPreRunCheck"/> as the <see cref="IPlanCheck"/> both engines run before the fan-out.
/// An <see cref="IJudgementCache"/> registered in the container is used when present.</summary>
public static class LlmServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the judge gets from the factory.</summary>
    public const string HttpClientName = "Kimera.Llm";

    /// <summary>The environment variable (configuration key) holding the LLM API key; it is never logged or written to any output.</summary>
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>The LLM judges as both hosts configure them: options from section <see cref="LlmJudgeOptions.SectionName"/>
    /// of <paramref name="configuration"/> (environment variables <c>Kimera__Llm__…</c> included, when the host reads them),
    /// the key from <c>Kimera:Llm:ApiKey</c> or else <see cref="ApiKeyVariable"/>. Only when a key is configured or
    /// <c>Kimera:Llm:Auth</c> is <c>azure</c> (Entra ID tokens from the host's <see cref="ILlmAccessTokenSource"/>, no key):
    /// otherwise runs have no LLM judge (the catalog refuses one with a message saying why), and the options are still bound
    /// so that the limits can be read.</summary>
    public static IServiceCollection AddLlmJudges(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LlmJudgeOptions.SectionName);
        var environmentKey = configuration[ApiKeyVariable];
        if (string.IsNullOrWhiteSpace(section[nameof(LlmJudgeOptions.ApiKey)]) && string.IsNullOrWhiteSpace(environmentKey)
            && !IsAzureAuth(configuration))
        {
            services.AddOptions<LlmJudgeOptions>().Bind(section);
            return services;
        }

        services.AddLlmJudge(section);
        services.PostConfigure<LlmJudgeOptions>(o => o.ApiKey = string.IsNullOrWhiteSpace(o.ApiKey) ? environmentKey : o.ApiKey);
        services.AddOptions<LlmJudgeOptions>().ValidateOnStart();
        return services;
    }

    /// <summary>Whether <c>Kimera:Llm:Auth</c> of <paramref name="configuration"/> is <c>azure</c> (any case).</summary>
    public static bool IsAzureAuth(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Equals(
            configuration[$"{LlmJudgeOptions.SectionName}:{nameof(LlmJudgeOptions.Auth)}"]?.Trim(), nameof(LlmAuthentication.Azure), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Binds <see cref="LlmJudgeOptions"/> from the given section (e.g. <c>Kimera:Llm</c>).</summary>
    public static IServiceCollection AddLlmJudge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LlmJudgeOptions>().Bind(configuration);
        return services.AddLlmJudgeCore();
    }

    public static IServiceCollection AddLlmJudge(this IServiceCollection services, Action<LlmJudgeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LlmJudgeOptions>().Configure(configure);
        return services.AddLlmJudgeCore();
    }

    private static IServiceCollection AddLlmJudgeCore(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmJudgeOptions>, LlmJudgeOptionsValidator>());
        services.AddHttpClient(HttpClientName, client =>
            {
                // The judge's pipeline owns every timeout; HttpClient's 100 s default would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // The judge is a singleton holding one HttpClient: recycle connections so DNS changes are seen.
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        // Try-added so that a host with its own clock (or a test with a fake one) keeps it.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILlmJudgeSource, LlmJudgeSource>();
        // The check both engines run before the fan-out: earlier spend, estimate, preflight. A host that registers its own
        // IPlanCheck (or several) first replaces it; the wording defaults to the configuration's names.
        services.AddOptions<LlmPreRunWording>();
        services.TryAddSingleton<IPlanCheck, LlmPreRunCheck>();
        return services;
    }
}
