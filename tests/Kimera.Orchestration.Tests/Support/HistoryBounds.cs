namespace Kimera.Orchestration.Tests.Support;

/// <summary>The bound of docs/architecture.md on one instance's rows in the Azure Storage provider's History table, derived from
/// the events an instance writes when no activity is retried: ExecutionStarted and ExecutionCompleted; for each task it schedules
/// (at most FanOut, plus Plan and Aggregate in the root), a scheduled and a completed event; one OrchestratorStarted and one
/// OrchestratorCompleted per episode, and an episode starts the instance or follows at least one completion; and the sentinel
/// row the provider keeps per instance. So at most 2 + 2T + 2(T + 1) + 1 = 4T + 5 rows with T = FanOut + 2.</summary>
public static class HistoryBounds
{
    public static int RowsPerInstance(int fanOut) => (4 * (fanOut + 2)) + 5;
}
