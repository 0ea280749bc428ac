using Kimera.Judging;
using Kimera.Llm;
using Kimera.Pipeline.Stages;

namespace Kimera.Orchestration.Judges;

/// <summary>A <see cref="ChunkProcessor"/> for one chunk together with the judges it owns (disposed with the lease).</summary>
public sealed class ChunkProcessorLease : IDisposable
{
    private readonly JudgeSet _judges;

    public ChunkProcessorLease(ChunkProcessor processor, JudgeSet judges)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(judges);
        Processor = processor;
        _judges = judges;
    }

    public ChunkProcessor Processor { get; }

    /// <summary>The LLM judges of the chunk, in column order: each one's ledger is its part of the chunk's share of the budget.</summary>
    public IReadOnlyList<LlmJudge> Llms => [.. _judges.Judges.OfType<LlmJudge>()];

    public void Dispose() => _judges.Dispose();
}
