using Microsoft.Extensions.Options;

namespace Kimera.Functions.Configuration;

/// <summary>Checks <see cref="RunDefaultsOptions"/> at start-up; every message names the bad value.</summary>
public sealed class RunDefaultsOptionsValidator : IValidateOptions<RunDefaultsOptions>
{
    public ValidateOptionsResult Validate(string? name, RunDefaultsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        // Judges left unset are filled in at start time; the ones given must be known.
        failures.AddRange(options.ToSpec(hasLlm: true).Validate(name => $"{RunDefaultsOptions.SectionName}:{name}"));
        if (options.RetryMaxAttempts is < 1 or > 20)
        {
            failures.Add($"Kimera:Run:RetryMaxAttempts {options.RetryMaxAttempts} must be between 1 and 20.");
        }

        if (options.RetryFirstInterval <= TimeSpan.Zero || options.RetryMaxInterval < options.RetryFirstInterval)
        {
            failures.Add($"Kimera:Run:RetryFirstInterval {options.RetryFirstInterval} must be positive and not above RetryMaxInterval {options.RetryMaxInterval}.");
        }

        if (!(options.RetryBackoffCoefficient >= 1))
        {
            failures.Add($"Kimera:Run:RetryBackoffCoefficient {options.RetryBackoffCoefficient} must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
