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

    [Fact]
    public void The_page_needs_nothing_from_another_origin_and_hands_its_code_to_every_api_call()
    {
        var page = RunsApi.ConsolePageResponse().Body;

        Assert.StartsWith("<!doctype html>", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("page.searchParams.get('code')", page, StringComparison.Ordinal);
        Assert.Contains("url.searchParams.set('code', key)", page, StringComparison.Ordinal);
    }
}
