namespace Kimera.Orchestration.Operations;

/// <summary>What became of a cancel, restart or delete.</summary>
public enum RunOperationOutcome
{
    /// <summary>Done (a cancel or restart was accepted: the backend carries it out shortly).</summary>
    Done,

    /// <summary>There is no such run.</summary>
    NotFound,

    /// <summary>The run's status does not allow it (cancel a finished run, restart or delete a running one).</summary>
    Conflict,
}

/// <param name="Message">A sentence for the caller: why not, or what was done.</param>
public sealed record RunOperationResult(RunOperationOutcome Outcome, string Message);
