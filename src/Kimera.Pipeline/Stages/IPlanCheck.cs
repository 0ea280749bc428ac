using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;

namespace Kimera.Pipeline.Stages;

/// <summary>A check between Plan and the fan-out, e.g. refusing a run whose LLM cost estimate is over budget.</summary>
public interface IPlanCheck
{
    /// <summary>Throws <see cref="RunRefusedException"/> when the run must not start.</summary>
    Task CheckAsync(RunPlan plan, IArtifactStore store, CancellationToken cancellationToken = default);
}
