namespace Kimera.Orchestration.Contracts;

/// <summary>Input of the Plan activity: the run (its store) and the request.</summary>
public sealed record PlanInput(string RunId, RunRequest Request);
