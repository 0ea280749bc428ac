using Kimera.Judging;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;

namespace Kimera.Pipeline.Stages;

/// <summary>A <see cref="IPlanCheck"/> that also wants to know when the judges it checked are done in this process, however
/// that ends (finished, failed or stopped), e.g. to record in the run's store what they spent: the local engine calls it when
/// the run ends, the durable Plan activity when its checks are over (its judges serve no chunk).</summary>
public interface IRunEndObserver
{
    /// <summary>Called once, with the judges given to <see cref="IPlanCheck.CheckAsync"/>; not cancellable.</summary>
    Task RunEndedAsync(RunPlan plan, IArtifactStore store, IReadOnlyList<IPairJudge> judges);
}
