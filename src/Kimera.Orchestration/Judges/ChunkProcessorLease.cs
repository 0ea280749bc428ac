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

    /// <summary>The LLM judge of the chunk, when the plan has one: its ledger is the chunk's share of the budget.</summary>
    public LlmJudge? Llm => _judges.Judges.OfType<LlmJudge>().FirstOrDefault();

    public void Dispose() => _judges.Dispose();
}
