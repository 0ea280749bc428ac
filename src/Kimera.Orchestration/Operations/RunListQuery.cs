using Microsoft.DurableTask.Client;

namespace Kimera.Orchestration.Operations;

/// <summary>Which page of the runs list: at most <paramref name="Top"/> runs, newest first, after the page whose
/// <see cref="RunListPage.ContinuationToken"/> is given, of the runs in one of <paramref name="Statuses"/> (all when empty).</summary>
public sealed record RunListQuery(int Top = RunListQuery.DefaultTop, IReadOnlyList<OrchestrationRuntimeStatus>? Statuses = null, string? ContinuationToken = null)
{
    public const int DefaultTop = 20;

    public const int MaxTop = 100;
}

/// <summary>A page of the runs list, newest first; <paramref name="ContinuationToken"/> asks for the next page, null on the last.</summary>
public sealed record RunListPage(IReadOnlyList<RunSummary> Runs, string? ContinuationToken);
