using Kimera.Pipeline.Model;

namespace Kimera.Orchestration.Contracts;

/// <summary>Input of the Aggregate activity: the run, the plan and what the statistics need; chunk summaries are read from the store.</summary>
/// <param name="Timings">Plan and process times measured by the orchestrator (replay-safe clock).</param>
public sealed record AggregateInput(string RunId, RunPlan Plan, int BootstrapResamples, int Folds, int Seed, RunTimings Timings);
