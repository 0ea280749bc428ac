using Kimera.Functions.Configuration;
using Kimera.Functions.Http;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Judges;
using Kimera.Pipeline;
using Microsoft.Extensions.Options;

namespace Kimera.Functions;

/// <summary>Turns a dataset name and the caller's overrides into a <see cref="RunRequest"/>, filling the rest from
/// configuration: the orchestrator then needs nothing from the environment.</summary>
public sealed class RunRequestFactory
{
    private readonly RunSpec _defaults;
    private readonly ActivityRetrySettings _retry;
    private readonly LlmJudgeOptions _llm;
    private readonly ChunkProcessorFactory _processors;

    /// <param name="defaults">Section <c>Kimera:Run</c>. Its default judges (<see cref="JudgeNames.All"/>) are those that can run
    /// here: without an LLM, <c>kimera</c> alone, as <c>kimera run</c> skips the LLM judge without a key.</param>
    public RunRequestFactory(IOptions<RunSpec> defaults, IOptions<RunRetryOptions> retry, IOptions<LlmJudgeOptions> llm, ChunkProcessorFactory processors)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(llm);
        ArgumentNullException.ThrowIfNull(processors);
        var spec = defaults.Value;
        _defaults = !processors.HasLlm && spec.JudgeDefinitions is null && spec.Judges.SequenceEqual(JudgeNames.All, StringComparer.Ordinal)
            ? spec with { Judges = [JudgeNames.Kimera] }
            : spec;
        _retry = retry.Value.ToSettings();
        _llm = llm.Value;
        _processors = processors;
    }

    /// <summary>The request, or the list of what is wrong with the overrides (each naming the bad value).</summary>
    public (RunRequest? Request, IReadOnlyList<string> Errors) Create(string dataset, StartRunBody? overrides = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        var (spec, bodyErrors) = overrides?.ApplyTo(_defaults) ?? (_defaults, []);
        var errors = bodyErrors.ToList();
        errors.AddRange(spec.Validate(StartRunBody.FieldName));
        errors.AddRange(overrides?.ReadJudges()?.Problems ?? []);
        var judges = spec.ResolvedJudges();
        if (_llm.BothOrders && judges.Any(j => j.Kind == JudgeKinds.Llm && j.BothOrders is null))
        {
            // Kimera:Llm:BothOrders: every LLM judge whose entry does not say otherwise asks both orders, resolved into the
            // judges so the plan has their order columns (as kimera run does).
            judges = [.. judges.Select(j => j.Kind == JudgeKinds.Llm && j.BothOrders is null ? j with { BothOrders = true } : j)];
            spec = spec.WithJudges(judges);
        }

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
            _retry);
        return (request, errors);
    }
}
