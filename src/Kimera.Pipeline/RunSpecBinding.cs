using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kimera.Pipeline;

/// <summary>Binds option values onto a <see cref="RunSpec"/> with the configuration binder that binds the <c>Kimera:Run</c>
/// section, so a command line, a request body and a configuration file that say the same give the same spec.</summary>
internal static class RunSpecBinding
{
    public static RunSpec Bind(RunSpec spec, IEnumerable<KeyValuePair<string, string?>> values)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(values);
        var copy = spec with { };
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().Bind(copy);
        return copy;
    }

    /// <summary>The configured judge list, replacing (not appended to) the default one; <c>null</c> when none is configured.</summary>
    public static IReadOnlyList<string>? ConfiguredJudges(IConfiguration configuration) =>
        configuration.GetSection(RunSpec.SectionName).GetSection(nameof(RunSpec.Judges)).Get<string[]>();
}

/// <summary>Registers <see cref="RunSpec"/> as the options of section <c>Kimera:Run</c>, for every host.</summary>
public static class RunSpecServiceCollectionExtensions
{
    /// <summary>Key of the former name of <see cref="RunSpec.Parallelism"/>, refused with a message naming the new key.</summary>
    private const string FormerParallelismKey = RunSpec.SectionName + ":MaxParallelChunks";

    /// <summary><see cref="RunSpec"/> bound from <c>Kimera:Run</c> (<c>IOptions&lt;RunSpec&gt;</c>), checked at start by
    /// <see cref="RunSpecValidator"/>, every message naming the configuration key.</summary>
    /// <param name="configuration">The configuration to bind; <c>null</c> = the host's <see cref="IConfiguration"/> service.</param>
    public static IServiceCollection AddRunSpec(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<RunSpec>();
        if (configuration is null)
        {
            builder.BindConfiguration(RunSpec.SectionName)
                .PostConfigure<IConfiguration>(ReplaceJudges)
                .Validate<IConfiguration>(NoFormerKey, FormerKeyMessage);
        }
        else
        {
            builder.Bind(configuration.GetSection(RunSpec.SectionName))
                .PostConfigure(spec => ReplaceJudges(spec, configuration))
                .Validate(_ => NoFormerKey(null!, configuration), FormerKeyMessage);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RunSpec>, RunSpecValidator>());
        return services;

        static void ReplaceJudges(RunSpec spec, IConfiguration configuration)
        {
            if (RunSpecBinding.ConfiguredJudges(configuration) is { } judges)
            {
                spec.ReplaceJudges(judges);
            }
        }

        static bool NoFormerKey(RunSpec _, IConfiguration configuration) => configuration[FormerParallelismKey] is null;
    }

    private const string FormerKeyMessage =
        FormerParallelismKey + " is now " + RunSpec.SectionName + ":" + nameof(RunSpec.Parallelism) + "; rename the setting.";
}
