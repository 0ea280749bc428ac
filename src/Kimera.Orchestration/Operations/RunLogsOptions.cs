namespace Kimera.Orchestration.Operations;

/// <summary>Section <c>Kimera:Console</c>: what the run status and the console need to link a run to its logs.</summary>
public sealed class RunLogsOptions
{
    public const string SectionName = "Kimera:Console";

    /// <summary>The ARM id of the app's Application Insights resource
    /// (<c>/subscriptions/…/resourceGroups/…/providers/Microsoft.Insights/components/…</c>); infra/ sets it. Without it a run's
    /// status carries the query (<c>logsQuery</c>) but no link (<c>logsUrl</c>).</summary>
    public string? ApplicationInsightsResourceId { get; set; }
}
