using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;

namespace Kimera.Pipeline.Stages;

/// <summary>A <see cref="IPlanCheck"/> that also wants to know when the run ends in this process, however it ends
/// (finished, failed or stopped), e.g. to record in the run folder what the run spent.</summary>
public interface IRunEndObserver
{
    /// <summary>Called once after the fan-out and aggregation, or after they failed or were cancelled; not cancellable.</summary>
    Task RunEndedAsync(RunPlan plan, IArtifactStore store);
}
