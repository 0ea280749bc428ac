using System.Globalization;
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

    /// <summary>The judge names a request body may list here: <c>kimera</c>, and <c>llm</c> when an LLM is configured.</summary>
    public IReadOnlyList<string> JudgeNamesAvailable => _processors.HasLlm ? JudgeNames.All : [JudgeNames.Kimera];

    /// <summary>The judges of a run whose body names none (section <c>Kimera:Run</c>, without the LLM where none is configured).</summary>
    public IReadOnlyList<string> DefaultJudges => _defaults.Judges;

    /// <summary>The deployment's LLM budget (<c>Kimera:Llm:BudgetUsd</c>): the default of every run, and the most a run's own
    /// <c>budgetUsd</c> may ask for; null when none is set.</summary>
    public decimal? BudgetCapUsd => _llm.BudgetUsd;

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
        var budget = overrides?.BudgetUsd;
        if (budget is not null)
        {
            errors.AddRange(BudgetProblems(budget.Value, judges));
        }

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
            hasLlmJudge ? new LlmRateLimits(_llm.RequestsPerMinute, _llm.TokensPerMinute) { BudgetUsd = budget } : null,
            _retry);
        return (request, errors);
    }

    /// <summary>What is wrong with a run's own budget: not above zero, no LLM judge to hold to it, above the deployment's
    /// budget (<c>Kimera:Llm:BudgetUsd</c>, the cap), or an LLM judge whose prices are unknown (its spend could not be counted).</summary>
    private List<string> BudgetProblems(decimal budget, IReadOnlyList<JudgeDefinition> judges)
    {
        var field = StartRunBody.BudgetField;
        if (budget <= 0)
        {
            return [string.Create(CultureInfo.InvariantCulture, $"{field} must be more than 0 US dollars (got {budget}).")];
        }

        var problems = new List<string>();
        var llmJudges = judges.Where(j => j.Kind == JudgeKinds.Llm).ToList();
        if (llmJudges.Count == 0)
        {
            problems.Add($"{field} limits what the LLM judges spend, and this run has none (judges: {string.Join(", ", judges.Select(j => j.Name))}).");
        }

        if (_llm.BudgetUsd is { } cap && budget > cap)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{field} {budget} is above this deployment's LLM budget of {cap} (Kimera:Llm:BudgetUsd), which caps every run: ask for at most {cap}."));
        }

        // A judge that names its own model or prices is priced by them; the others by the configured options.
        foreach (var judge in llmJudges.Where(j => j.Model is null && (j.PriceInputPerMillion is null || j.PriceOutputPerMillion is null)))
        {
            if (!_llm.PricesKnown)
            {
                problems.Add($"{field} needs the prices of model '{_llm.Model}' (judge '{judge.Name}'), which are not known: set Kimera:Llm:PriceInputPerMillion and Kimera:Llm:PriceOutputPerMillion.");
            }
        }

        return problems;
    }
}
