namespace Kimera.Orchestration.Contracts;

/// <summary>Stages reported in <see cref="RunStatus.Stage"/>.</summary>
public static class RunStages
{
    public const string Planning = "planning";
    public const string Processing = "processing";
    public const string Aggregating = "aggregating";
    public const string Completed = "completed";
}
