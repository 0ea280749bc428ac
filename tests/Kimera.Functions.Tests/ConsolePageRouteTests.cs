using Kimera.Functions.Http;
using Kimera.Reporting.Console;

namespace Kimera.Functions.Tests;

/// <summary>Issue 26 point 2: <c>GET /api/console</c> answers the runs console, the page <c>kimera serve</c> serves, whole and
/// self-contained, with the script that passes the function key on to the API.</summary>
public sealed class ConsolePageRouteTests
{
    [Fact]
    public void The_console_route_answers_the_embedded_page_as_html()
    {
        var response = RunsApi.ConsolePageResponse();

        Assert.Equal((200, "text/html; charset=utf-8"), (response.StatusCode, response.ContentType));
        Assert.Same(ConsolePage.Html, response.Body);
    }

    /// <summary>What the page's text can show: no resource from another origin, and a script that reads the page's
    /// <c>code</c> and sets it on the URLs it builds. That the key really reaches every call is proved in a browser by
    /// FunctionsConsoleBrowserTests (401 without it, the list and Cancel with it).</summary>
    [Fact]
    public void The_page_loads_nothing_from_another_origin_and_its_script_reads_and_sets_the_code()
    {
        var page = RunsApi.ConsolePageResponse().Body;

        Assert.StartsWith("<!doctype html>", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("page.searchParams.get('code')", page, StringComparison.Ordinal);
        Assert.Contains("url.searchParams.set('code', key)", page, StringComparison.Ordinal);
    }
}
