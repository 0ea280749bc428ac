using Kimera.Pipeline;
using Kimera.Pipeline.Model;
using Kimera.Reporting.Model;

namespace Kimera.Orchestration.Contracts;

/// <summary>Input of the Aggregate activity: the run, the plan and what the statistics need; chunk summaries are read from the store.</summary>
/// <param name="Timings">Plan and process times measured by the orchestrator (replay-safe clock).</param>
/// <param name="Spec">The run's specification: the statistics settings derive from it.</param>
public sealed record AggregateInput(string RunId, RunPlan Plan, RunSpec Spec, RunTimings Timings);
