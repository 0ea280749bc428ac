using Kimera.Functions.Configuration;
using Kimera.Functions.Http;
using Kimera.Judging.Definitions;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Judges;
using Microsoft.Extensions.Options;

namespace Kimera.Functions;

/// <summary>Turns a dataset name and the caller's overrides into a <see cref="RunRequest"/>, filling the rest from
/// configuration: the orchestrator then needs nothing from the environment.</summary>
public sealed class RunRequestFactory
{
    private readonly RunDefaultsOptions _defaults;
    private readonly LlmJudgeOptions _llm;
    private readonly bool _hasLlm;
    private readonly ChunkProcessorFactory _processors;

    public RunRequestFactory(IOptions<RunDefaultsOptions> defaults, IOptions<LlmJudgeOptions> llm, ChunkProcessorFactory processors)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(llm);
        ArgumentNullException.ThrowIfNull(processors);
        _defaults = defaults.Value;
        _llm = llm.Value;
        _hasLlm = processors.HasLlm;
        _processors = processors;
    }

    /// <summary>The request, or the list of what is wrong with the overrides (each naming the bad value).</summary>
    public (RunRequest? Request, IReadOnlyList<string> Errors) Create(string dataset, StartRunBody? overrides = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        var defaults = _defaults.ToSpec(_hasLlm);
        var spec = overrides?.ApplyTo(defaults) ?? defaults;
        var errors = spec.Validate(StartRunBody.FieldName).ToList();
        errors.AddRange(overrides?.ReadJudges()?.Problems ?? []);
        var judges = spec.ResolvedJudges();
        var hasLlmJudge = judges.Any(j => j.Kind == JudgeKinds.Llm);
        if (errors.Count == 0)
        {
            // The catalog's own check: LLM judges where no LLM is configured, unknown prompt versions, unset key variables.
            errors.AddRange(_processors.Problems(judges, "judges"));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var request = new RunRequest(
            dataset,
            spec,
            hasLlmJudge ? new LlmRateLimits(_llm.RequestsPerMinute, _llm.TokensPerMinute) : null,
            new ActivityRetrySettings(_defaults.RetryMaxAttempts, _defaults.RetryFirstInterval, _defaults.RetryBackoffCoefficient, _defaults.RetryMaxInterval));
        return (request, errors);
    }
}
