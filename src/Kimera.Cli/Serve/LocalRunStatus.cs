namespace Kimera.Cli.Serve;

/// <summary>The status of a run folder, as <see cref="RunFolderReader"/> derives it from the folder's files (the
/// <c>runtimeStatus</c> of <c>kimera serve</c>'s JSON; the Functions app answers the durable statuses instead).</summary>
public static class LocalRunStatus
{
    /// <summary><c>plan.json</c> is written and no chunk is done, and no <c>kimera run</c> holds the folder.</summary>
    public const string Planned = "Planned";

    /// <summary>A live <c>kimera run</c> holds the folder's lock (<see cref="RunFolderLock"/>).</summary>
    public const string Running = "Running";

    /// <summary>Not locked, some chunks done and no <c>report.json</c>: the same command resumes it.</summary>
    public const string Stopped = "Stopped";

    /// <summary><c>plan.json</c> cannot be read, or the report says a judge failed on every pair.</summary>
    public const string Failed = "Failed";

    /// <summary><c>report.json</c> is written.</summary>
    public const string Finished = "Finished";
}
