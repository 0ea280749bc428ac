using System.IO.Compression;
using System.Text;
using Kimera.Orchestration.Operations;

namespace Kimera.Orchestration.Tests;

/// <summary>The logs query and portal link of a run (<see cref="RunLogs"/>), against the query written out by hand and the link
/// taken apart with the standard library's URL, Base64 and gzip decoders.</summary>
public sealed class RunLogsTests
{
    private const string ResourceId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-kimera/providers/Microsoft.Insights/components/appi-kimera-abc";

    [Fact]
    public void The_query_finds_traces_requests_dependencies_and_exceptions_by_the_run_id()
    {
        Assert.Equal(
            """union traces, requests, dependencies, exceptions | where customDimensions["kimera.run_id"] == "0f3c" | order by timestamp asc""",
            RunLogs.QueryFor("0f3c"));
    }

    [Fact]
    public void A_quote_or_backslash_in_an_id_stays_inside_the_string_literal()
    {
        Assert.Equal(
            """union traces, requests, dependencies, exceptions | where customDimensions["kimera.run_id"] == "a\"b\\c" | order by timestamp asc""",
            RunLogs.QueryFor("a\"b\\c"));
    }

    [Fact]
    public void Without_a_resource_there_is_a_query_and_no_link()
    {
        var logs = RunLogs.For("0f3c", applicationInsightsResourceId: null);

        Assert.Equal(RunLogs.QueryFor("0f3c"), logs.Query);
        Assert.Null(logs.Url);
    }

    [Fact]
    public void The_link_opens_the_resources_logs_on_the_gzipped_query()
    {
        var url = RunLogs.For("0f3c", ResourceId).Url!.AbsoluteUri;

        const string Prefix = "https://portal.azure.com/#blade/Microsoft_Azure_Monitoring_Logs/LogsBlade/resourceId/";
        Assert.StartsWith(Prefix, url, StringComparison.Ordinal);
        var parts = url[Prefix.Length..].Split('/');
        Assert.Equal(7, parts.Length);
        Assert.Equal(ResourceId, Uri.UnescapeDataString(parts[0]));
        Assert.Equal(("source", "LogsBlade.AnalyticsShareLinkToQuery", "q"), (parts[1], parts[2], parts[3]));
        Assert.Equal(("timespan", "P7D"), (parts[5], parts[6]));
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(Uri.UnescapeDataString(parts[4]))), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        Assert.Equal(
            """union traces, requests, dependencies, exceptions | where customDimensions["kimera.run_id"] == "0f3c" | order by timestamp asc""",
            reader.ReadToEnd());
    }
}
