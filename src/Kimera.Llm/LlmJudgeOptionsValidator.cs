using Kimera.Llm.Authentication;
using Kimera.Llm.Prompt;
using Microsoft.Extensions.Options;

namespace Kimera.Llm;

/// <summary>Checks <see cref="LlmJudgeOptions"/> at start-up; every message names the bad value.</summary>
public sealed class LlmJudgeOptionsValidator : IValidateOptions<LlmJudgeOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmJudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(LlmJudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(LlmJudgeOptions), typeof(LlmJudgeOptions), failures);
        }
    }

    private static List<string> Check(LlmJudgeOptions o)
    {
        var failures = new List<string>();
        if (o.Endpoint is null || !o.Endpoint.IsAbsoluteUri || (o.Endpoint.Scheme != Uri.UriSchemeHttp && o.Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Endpoint '{o.Endpoint}' must be an absolute http(s) URL such as https://api.openai.com/v1/.");
        }

        if (!Enum.IsDefined(o.Auth))
        {
            failures.Add($"Auth '{o.Auth}' must be key or azure.");
        }
        else if (o.Auth == LlmAuthentication.Key && string.IsNullOrWhiteSpace(o.ApiKey))
        {
            failures.Add("ApiKey is empty: set OPENAI_API_KEY (or sign in with Entra ID: Auth azure).");
        }

        if (string.IsNullOrWhiteSpace(o.Model))
        {
            failures.Add($"Model '{o.Model}' must not be empty.");
        }

        if (o.PromptVersion != ContradictionPrompt.Version)
        {
            failures.Add($"PromptVersion '{o.PromptVersion}' is not known (the one prompt is '{ContradictionPrompt.Version}').");
        }

        if (string.IsNullOrWhiteSpace(o.JudgeName))
        {
            failures.Add("JudgeName must not be empty.");
        }

        Range(failures, nameof(o.Repeats), o.Repeats, 1, Kimera.Judging.Definitions.JudgeSetRules.MaxRepeats);
        if (o.Temperature is { } temperature)
        {
            Range(failures, nameof(o.Temperature), temperature, 0, 2);
        }

        if (o.MaxOutputTokens is { } maxOutputTokens)
        {
            Range(failures, nameof(o.MaxOutputTokens), maxOutputTokens, 16, 100_000);
        }

        if (o.ReasoningEffort is { } effort && !LlmJudgeOptions.ReasoningEfforts.Contains(effort, StringComparer.Ordinal))
        {
            failures.Add($"ReasoningEffort '{effort}' must be one of {string.Join(", ", LlmJudgeOptions.ReasoningEfforts)}.");
        }

        if (o.ResponseFormat is { } format && !LlmJudgeOptions.ResponseFormats.Contains(format, StringComparer.Ordinal))
        {
            failures.Add($"ResponseFormat '{format}' must be one of {string.Join(", ", LlmJudgeOptions.ResponseFormats)}.");
        }
        // Two at least: the rate gate keeps its window bound with one burst permit plus refills (see LlmRateGate.RequestBucket).
        Range(failures, nameof(o.RequestsPerMinute), o.RequestsPerMinute, LlmJudgeOptions.MinimumRequestsPerMinute, LlmJudgeOptions.MaximumRequestsPerMinute);
        Range(failures, nameof(o.TokensPerMinute), o.TokensPerMinute, 1_000, 1_000_000_000);
        Range(failures, nameof(o.RateHeadroom), o.RateHeadroom, 0, 0.5);
        Range(failures, nameof(o.MaxConcurrency), o.MaxConcurrency, 1, 1_000);
        Range(failures, nameof(o.MaxRetries), o.MaxRetries, 0, 100);
        Range(failures, nameof(o.MaxParseAttempts), o.MaxParseAttempts, 1, 10);
        Range(failures, nameof(o.CircuitBreakerFailureRatio), o.CircuitBreakerFailureRatio, 0.01, 1);
        Range(failures, nameof(o.CircuitBreakerConsecutiveFailures), o.CircuitBreakerConsecutiveFailures, 1, 1_000);
        Range(failures, nameof(o.CacheWriteBatchSize), o.CacheWriteBatchSize, 1, 100_000);
        Positive(failures, nameof(o.RateWindow), o.RateWindow);
        Positive(failures, nameof(o.RetryBaseDelay), o.RetryBaseDelay);
        Positive(failures, nameof(o.MaxRetryDelay), o.MaxRetryDelay);
        Positive(failures, nameof(o.AttemptTimeout), o.AttemptTimeout);
        Positive(failures, nameof(o.TotalTimeout), o.TotalTimeout);
        Positive(failures, nameof(o.UnavailableAfter), o.UnavailableAfter);
        // Polly's circuit breaker accepts break durations of at least half a second.
        if (o.CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"CircuitBreakerBreakDuration {o.CircuitBreakerBreakDuration} must be at least 00:00:00.5.");
        }

        if (o.TotalTimeout < o.AttemptTimeout)
        {
            failures.Add($"TotalTimeout {o.TotalTimeout} must not be shorter than AttemptTimeout {o.AttemptTimeout}.");
        }

        if (o.PriceInputPerMillion < 0 || o.PriceOutputPerMillion < 0)
        {
            failures.Add($"Prices must not be negative (input {o.PriceInputPerMillion}, output {o.PriceOutputPerMillion}).");
        }

        if (o.BudgetUsd is not null && !o.PricesKnown)
        {
            failures.Add(UnknownPricesWithBudget(o.Model, "BudgetUsd", "PriceInputPerMillion and PriceOutputPerMillion"));
        }

        if (o.BudgetUsd is < 0)
        {
            failures.Add($"BudgetUsd {o.BudgetUsd} must not be negative.");
        }

        return failures;
    }

    /// <summary>Why a budget cannot be held for <paramref name="model"/>: its prices are not known; <paramref name="budgetSetting"/>
    /// and <paramref name="priceOptions"/> name the settings as the caller spells them.</summary>
    public static string UnknownPricesWithBudget(string model, string budgetSetting, string priceOptions) =>
        $"{budgetSetting} needs the prices of model '{model}', which the model profiles do not know; give {priceOptions} (US dollars per million tokens, 0 for a model you host).";

    private static void Range(List<string> failures, string name, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            failures.Add($"{name} {value} must be between {min} and {max}.");
        }
    }

    private static void Positive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} {value} must be positive.");
        }
    }
}
