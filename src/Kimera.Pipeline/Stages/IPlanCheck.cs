using Kimera.Judging;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;

namespace Kimera.Pipeline.Stages;

/// <summary>A check between Plan and the fan-out, e.g. refusing a run whose LLM cost estimate is over budget. Both engines
/// run the same checks: the local engine after its Plan, the durable engine in its Plan activity.</summary>
public interface IPlanCheck
{
    /// <summary>Throws <see cref="RunRefusedException"/> when the run must not start.</summary>
    /// <param name="judges">The run's judges as the <see cref="JudgeCatalog"/> built them with the whole run's limits and
    /// budget: the local engine's (shared by every chunk), or, in the durable Plan activity, built for the plan.</param>
    Task CheckAsync(RunPlan plan, IArtifactStore store, IReadOnlyList<IPairJudge> judges, CancellationToken cancellationToken = default);
}
