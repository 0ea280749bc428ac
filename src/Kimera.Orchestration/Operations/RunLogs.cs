using System.IO.Compression;
using System.Text;
using Kimera.Pipeline.Telemetry;

namespace Kimera.Orchestration.Operations;

/// <summary>Where a run's story is in the logs: the Kusto (KQL) query that finds every trace, request, dependency and
/// exception carrying its <see cref="RunTelemetry.RunIdKey"/>, and, when the app knows its Application Insights resource
/// (<see cref="RunLogsOptions"/>), a link that opens the portal's Logs on that query.</summary>
/// <param name="Query">The KQL text, for the Logs page of the Application Insights resource (or its Log Analytics workspace).</param>
/// <param name="Url">The portal link that runs <paramref name="Query"/> on the resource; null when no resource is configured.</param>
public sealed record RunLogs(string Query, Uri? Url)
{
    /// <summary>How far back the portal link looks: a run of days stays in view.</summary>
    public const string Timespan = "P7D";

    /// <summary>The run's logs; <paramref name="applicationInsightsResourceId"/> (the resource's ARM id) makes the link.</summary>
    public static RunLogs For(string runId, string? applicationInsightsResourceId)
    {
        var query = QueryFor(runId);
        return new RunLogs(query, string.IsNullOrWhiteSpace(applicationInsightsResourceId) ? null : PortalUrl(applicationInsightsResourceId.Trim(), query));
    }

    /// <summary><c>union traces, requests, dependencies, exceptions | where customDimensions["kimera.run_id"] == "&lt;id&gt;"</c>,
    /// oldest first; the id is a KQL string literal (backslash and double quote escaped).</summary>
    public static string QueryFor(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var literal = runId.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"union traces, requests, dependencies, exceptions | where customDimensions[\"{RunTelemetry.RunIdKey}\"] == \"{literal}\" | order by timestamp asc";
    }

    /// <summary>The portal's share-a-query link: the Logs blade scoped to the resource, the query gzip-compressed, then
    /// Base64, then URL-escaped (the form the portal's own "Copy link to query" makes).</summary>
    private static Uri PortalUrl(string resourceId, string query)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(query));
        }

        var encoded = Convert.ToBase64String(compressed.ToArray());
        return new Uri(
            "https://portal.azure.com/#blade/Microsoft_Azure_Monitoring_Logs/LogsBlade" +
            $"/resourceId/{Uri.EscapeDataString(resourceId)}/source/LogsBlade.AnalyticsShareLinkToQuery" +
            $"/q/{Uri.EscapeDataString(encoded)}/timespan/{Timespan}");
    }
}
