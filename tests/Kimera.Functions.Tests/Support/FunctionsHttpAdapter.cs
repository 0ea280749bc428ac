using System.Net;
using Kimera.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kimera.Functions.Tests.Support;

/// <summary>
/// Test only: the app's HTTP functions on Kestrel at a free loopback port, so a browser can call them. Each route of
/// <see cref="RunsFunctions"/> and <see cref="DatasetsFunctions"/> is mapped to the same <c>[Function]</c> method, called with the harness's durable client, and
/// its <see cref="ContentResult"/> written out as is. Like the Functions host with function-key auth, a request without
/// <see cref="Key"/> in its <c>code</c> query parameter (or <c>x-functions-key</c> header) gets 401.
/// </summary>
public sealed class FunctionsHttpAdapter : IAsyncDisposable
{
    /// <summary>The one function key this server accepts.</summary>
    public const string Key = "test-function-key";

    private readonly WebApplication _app;

    private FunctionsHttpAdapter(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The server's base address (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri Url { get; }

    public static async Task<FunctionsHttpAdapter> StartAsync(FunctionsHarness harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var functions = ActivatorUtilities.CreateInstance<RunsFunctions>(harness.Services);
        var datasets = ActivatorUtilities.CreateInstance<DatasetsFunctions>(harness.Services);
        var client = harness.Client;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Query["code"] != Key && context.Request.Headers["x-functions-key"] != Key)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });
        app.MapGet("/api/console", (HttpContext c) => Send(c, RunsFunctions.GetConsole(c.Request)));
        app.MapGet("/api/console/capabilities", (HttpContext c) => Send(c, datasets.GetCapabilities(c.Request)));
        app.MapPost("/api/datasets/{name}", async (HttpContext c, string name) => await Send(c, await datasets.UploadAsync(c.Request, name)));
        app.MapPost("/api/runs", async (HttpContext c) => await Send(c, await functions.StartAsync(c.Request, client)));
        app.MapGet("/api/runs", async (HttpContext c) => await Send(c, await functions.ListAsync(c.Request, client)));
        app.MapGet("/api/runs/{id}", async (HttpContext c, string id) => await Send(c, await functions.GetStatusAsync(c.Request, client, id)));
        app.MapGet("/api/runs/{id}/report", async (HttpContext c, string id) => await Send(c, await functions.GetReportAsync(c.Request, client, id)));
        app.MapPost("/api/runs/{id}/cancel", async (HttpContext c, string id) => await Send(c, await RunsFunctions.CancelAsync(c.Request, client, id)));
        app.MapPost("/api/runs/{id}/restart", async (HttpContext c, string id) => await Send(c, await RunsFunctions.RestartAsync(c.Request, client, id)));
        app.MapDelete("/api/runs/{id}", async (HttpContext c, string id) => await Send(c, await functions.DeleteAsync(c.Request, client, id)));
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server started without an address.");
        return new FunctionsHttpAdapter(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task Send(HttpContext context, IActionResult result)
    {
        var content = (ContentResult)result;
        context.Response.StatusCode = content.StatusCode ?? StatusCodes.Status200OK;
        context.Response.ContentType = content.ContentType;
        return context.Response.WriteAsync(content.Content ?? string.Empty);
    }
}
