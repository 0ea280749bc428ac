using Kimera.Engine.Embeddings;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Microsoft.Extensions.Logging;

namespace Kimera.Orchestration.Judges;

/// <summary>Builds the <see cref="ChunkProcessor"/> of one chunk: the shared embedding lookup and the judges of the
/// <see cref="JudgeCatalog"/>, an LLM judge held to the chunk's share of the provider's limits and of the budget.</summary>
public sealed class ChunkProcessorFactory
{
    private readonly EmbeddingLookup _embeddings;
    private readonly JudgeCatalog _catalog;
    private readonly ILoggerFactory _loggerFactory;

    public ChunkProcessorFactory(EmbeddingLookup embeddings, JudgeCatalog catalog, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _embeddings = embeddings;
        _catalog = catalog;
        _loggerFactory = loggerFactory;
    }

    /// <summary>Whether the LLM judge can be built here.</summary>
    public bool HasLlm => _catalog.HasLlm;

    /// <summary>Cache-key id of the embedding model (it names the precision), recorded in the plan.</summary>
    public string EmbeddingModelId => _embeddings.ModelId;

    /// <summary>How this process's int8 products run (e.g. <c>signed (avx512_vnni)</c>), null for float32: recorded in the plan.</summary>
    public string? EmbeddingInt8Kernel => _embeddings.Int8Kernel;

    /// <summary>Everything besides the dataset and options that changes results, for the plan's fingerprint
    /// (the catalog's, so both engines fingerprint a run alike).</summary>
    public string ResultSalt(IReadOnlyList<JudgeDefinition> judges) => _catalog.ResultSalt(_embeddings.ModelId, judges);

    /// <summary>Problems of a judge set only the built judges can see (see <see cref="JudgeCatalog.Problems(IReadOnlyList{JudgeDefinition}, string)"/>).</summary>
    public IReadOnlyList<string> Problems(IReadOnlyList<JudgeDefinition> judges, string source) => _catalog.Problems(judges, source);

    /// <summary>The plan's judges with the whole run's limits and budget, for the checks before the fan-out (an LLM judge
    /// only where one is configured: without, the chunks refuse it).</summary>
    /// <param name="runBudgetUsd">The run's own LLM budget (<see cref="LlmRateLimits.BudgetUsd"/>); null: the configured one.</param>
    public JudgeSet CreateForPlan(RunPlan plan, decimal? runBudgetUsd = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return _catalog.Create(
            [.. plan.ResolvedJudges().Where(j => j.Kind != JudgeKinds.Llm || _catalog.HasLlm)],
            LlmShare.WholeRun with { RunBudgetUsd = runBudgetUsd });
    }

    /// <param name="fractionOfRun">The chunk's pairs over the run's: its part of the LLM budget.</param>
    public ChunkProcessorLease Create(RunPlan plan, LlmRateLimits? llmShare, decimal fractionOfRun = 1m)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var judgeSet = plan.ResolvedJudges();
        if (judgeSet.FirstOrDefault(j => j.Kind == JudgeKinds.Llm) is { } llm && llmShare is null)
        {
            throw new InvalidOperationException($"The plan asks for LLM judge '{llm.Name}' but the chunk has no share of the LLM limits.");
        }

        var share = llmShare is null ? null : new LlmShare(llmShare.RequestsPerMinute, llmShare.TokensPerMinute, fractionOfRun, llmShare.ChunksInFlight, llmShare.BudgetUsd);
        var judges = _catalog.Create(judgeSet, share);
        var processor = new ChunkProcessor(_embeddings, judges.Judges, _catalog.EngineOptions, _loggerFactory.CreateLogger<ChunkProcessor>());
        return new ChunkProcessorLease(processor, judges);
    }
}
