namespace Kimera.Orchestration;

/// <summary>Names under which the orchestrator and activities are registered, in the worker and as Azure Functions.</summary>
public static class OrchestrationNames
{
    public const string Orchestrator = "BenchmarkOrchestrator";
    public const string ChunkGroup = "ProcessChunkGroup";
    public const string Plan = "PlanRun";
    public const string ProcessChunk = "ProcessChunk";
    public const string Aggregate = "AggregateRun";
}
