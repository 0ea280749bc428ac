using Kimera.Llm;
using Kimera.Pipeline.Stages;

namespace Kimera.Orchestration.Judges;

/// <summary>A <see cref="ChunkProcessor"/> for one chunk together with the judges it owns (disposed with the lease).</summary>
public sealed class ChunkProcessorLease : IDisposable
{
    private readonly IReadOnlyList<IDisposable> _owned;

    public ChunkProcessorLease(ChunkProcessor processor, IReadOnlyList<IDisposable> owned)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(owned);
        Processor = processor;
        _owned = owned;
    }

    public ChunkProcessor Processor { get; }

    /// <summary>The LLM judge of the chunk, when the plan has one: its ledger is the chunk's share of the budget.</summary>
    public LlmJudge? Llm => _owned.OfType<LlmJudge>().FirstOrDefault();

    public void Dispose()
    {
        foreach (var item in _owned)
        {
            item.Dispose();
        }
    }
}
