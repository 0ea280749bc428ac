
namespace Kimera.Pipeline.Model;

/// <summary>The outcome of Plan: the plan, and whether it was found already made (a resumed run).</summary>
public sealed record PlannedRun(RunPlan Plan, bool Resumed);
