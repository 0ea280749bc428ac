using Kimera.Functions.Configuration;
using Kimera.Functions.Http;
using Kimera.Judging;
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

    public RunRequestFactory(IOptions<RunDefaultsOptions> defaults, IOptions<LlmJudgeOptions> llm, ChunkProcessorFactory processors)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(llm);
        ArgumentNullException.ThrowIfNull(processors);
        _defaults = defaults.Value;
        _llm = llm.Value;
        _hasLlm = processors.HasLlm;
    }

    /// <summary>The request, or the list of what is wrong with the overrides (each naming the bad value).</summary>
    public (RunRequest? Request, IReadOnlyList<string> Errors) Create(string dataset, StartRunBody? overrides = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        var judges = overrides?.Judges ?? _defaults.Judges
            ?? (_hasLlm ? [KimeraJudge.JudgeName, LlmJudge.JudgeName] : [KimeraJudge.JudgeName]);
        var request = new RunRequest(
            dataset,
            overrides?.ChunkSize ?? _defaults.ChunkSize,
            overrides?.MaxParallelChunks ?? _defaults.MaxParallelChunks,
            overrides?.Seed ?? _defaults.Seed,
            overrides?.MaxPairs ?? _defaults.MaxPairs,
            overrides?.MaxTextLength ?? _defaults.MaxTextLength,
            judges.Distinct(StringComparer.Ordinal).ToArray(),
            overrides?.Bootstrap ?? _defaults.BootstrapResamples,
            overrides?.Folds ?? _defaults.Folds,
            judges.Contains(LlmJudge.JudgeName) ? new LlmRateLimits(_llm.RequestsPerMinute, _llm.TokensPerMinute) : null,
            new ActivityRetrySettings(_defaults.RetryMaxAttempts, _defaults.RetryFirstInterval, _defaults.RetryBackoffCoefficient, _defaults.RetryMaxInterval));

        var errors = new List<string>();
        RunLimits.Check(errors, string.Empty, request.ChunkSize, request.MaxParallelChunks, request.MaxPairs, request.MaxTextLength, request.BootstrapResamples, request.Folds, request.Judges);
        if (request.Judges.Contains(LlmJudge.JudgeName) && !_hasLlm)
        {
            errors.Add("judges: 'llm' is not available here: no LLM API key is configured (Kimera:Llm:ApiKey or OPENAI_API_KEY).");
        }

        return errors.Count == 0 ? (request, errors) : (null, errors);
    }
}
