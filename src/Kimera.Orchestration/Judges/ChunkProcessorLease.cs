using Kimera.Judging;
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

    public void Dispose() => _judges.Dispose();
}
