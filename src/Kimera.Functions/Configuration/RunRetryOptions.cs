using Kimera.Orchestration.Contracts;
using Kimera.Pipeline;
using Microsoft.Extensions.Options;

namespace Kimera.Functions.Configuration;

/// <summary>Retry policy of the activities of runs started here, from the keys <c>Kimera:Run:Retry*</c> beside the run's own
/// options (which bind to <see cref="RunSpec"/>); defaults: <see cref="ActivityRetrySettings.Default"/>.</summary>
public sealed class RunRetryOptions
{
    /// <summary>Attempts of each activity, the first included.</summary>
    public int RetryMaxAttempts { get; set; } = ActivityRetrySettings.Default.MaxAttempts;

    public TimeSpan RetryFirstInterval { get; set; } = ActivityRetrySettings.Default.FirstRetryInterval;

    public double RetryBackoffCoefficient { get; set; } = ActivityRetrySettings.Default.BackoffCoefficient;

    public TimeSpan RetryMaxInterval { get; set; } = ActivityRetrySettings.Default.MaxRetryInterval;

    public ActivityRetrySettings ToSettings() => new(RetryMaxAttempts, RetryFirstInterval, RetryBackoffCoefficient, RetryMaxInterval);
}

/// <summary>Checks <see cref="RunRetryOptions"/> at start-up; every message names the key and the bad value.</summary>
public sealed class RunRetryOptionsValidator : IValidateOptions<RunRetryOptions>
{
    public ValidateOptionsResult Validate(string? name, RunRetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RetryMaxAttempts is < 1 or > 20)
        {
            failures.Add($"{RunSpec.SectionName}:RetryMaxAttempts {options.RetryMaxAttempts} must be between 1 and 20.");
        }

        if (options.RetryFirstInterval <= TimeSpan.Zero || options.RetryMaxInterval < options.RetryFirstInterval)
        {
            failures.Add($"{RunSpec.SectionName}:RetryFirstInterval {options.RetryFirstInterval} must be positive and not above RetryMaxInterval {options.RetryMaxInterval}.");
        }

        if (!(options.RetryBackoffCoefficient >= 1))
        {
            failures.Add($"{RunSpec.SectionName}:RetryBackoffCoefficient {options.RetryBackoffCoefficient} must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
