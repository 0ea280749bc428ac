using Kimera.Embeddings;
using Kimera.Geoids;
using Kimera.Judging;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline.Stages;
using Microsoft.Extensions.Logging;

namespace Kimera.Orchestration.Judges;

/// <summary>Builds the <see cref="ChunkProcessor"/> of one chunk: the shared embedding lookup, the Kimera judge,
/// and, when the plan asks for it, an LLM judge held to the chunk's share of the provider's limits.</summary>
public sealed class ChunkProcessorFactory
{
    private readonly EmbeddingLookup _embeddings;
    private readonly KimeraEngineOptions _engineOptions;
    private readonly ILlmJudgeFactory? _llm;
    private readonly ILoggerFactory _loggerFactory;

    /// <param name="llm">Absent when no LLM is configured; a plan that asks for the LLM judge then fails with a message saying so.</param>
    public ChunkProcessorFactory(EmbeddingLookup embeddings, KimeraEngineOptions engineOptions, ILoggerFactory loggerFactory, ILlmJudgeFactory? llm = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(engineOptions);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _embeddings = embeddings;
        _engineOptions = engineOptions;
        _loggerFactory = loggerFactory;
        _llm = llm;
    }

    /// <summary>Whether the LLM judge can be built here.</summary>
    public bool HasLlm => _llm is not null;

    /// <summary>Everything besides the dataset and options that changes results, for the plan's fingerprint.
    /// Same form as <c>kimera run</c>'s, so both engines fingerprint a Kimera-only run alike.</summary>
    public string ResultSalt(IReadOnlyList<string> judges)
    {
        ArgumentNullException.ThrowIfNull(judges);
        var salt = $"embedding:{_embeddings.ModelId}";
        return judges.Contains(LlmJudge.JudgeName) && _llm is not null ? $"{salt};{_llm.ResultSalt}" : salt;
    }

    /// <param name="fractionOfRun">The chunk's pairs over the run's: its part of the LLM budget.</param>
    public ChunkProcessorLease Create(IReadOnlyList<string> judges, LlmRateLimits? llmShare, decimal fractionOfRun = 1m)
    {
        ArgumentNullException.ThrowIfNull(judges);
        var built = new List<IPairJudge>(judges.Count);
        var owned = new List<IDisposable>();
        foreach (var name in judges)
        {
            switch (name)
            {
                case KimeraJudge.JudgeName:
                    built.Add(new KimeraJudge(_engineOptions));
                    break;
                case LlmJudge.JudgeName:
                    if (_llm is null || llmShare is null)
                    {
                        throw new InvalidOperationException(
                            $"The plan asks for judge '{name}' but {(_llm is null ? "no LLM is configured here (set Kimera:Llm:ApiKey)" : "the chunk has no share of the LLM limits")}.");
                    }

                    var judge = _llm.Create(llmShare, fractionOfRun);
                    built.Add(judge);
                    owned.Add(judge);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown judge '{name}' (known: {KimeraJudge.JudgeName}, {LlmJudge.JudgeName}).");
            }
        }

        var processor = new ChunkProcessor(_embeddings, built, _engineOptions, _loggerFactory.CreateLogger<ChunkProcessor>());
        return new ChunkProcessorLease(processor, owned);
    }
}
