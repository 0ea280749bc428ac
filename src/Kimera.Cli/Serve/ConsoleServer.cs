using System.Net;
using System.Text.Json;
using CsvHelper;
using Kimera.Datasets;
using Kimera.Pipeline;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.RunComparisons;
using Kimera.Reporting.Console;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kimera.Cli.Serve;

/// <summary>
/// The web server of <c>kimera serve</c>: Kestrel with a minimal API over the run folders of one directory
/// (<see cref="RunFolderReader"/>), in the JSON of the Functions app's runs API, and the console page
/// (<see cref="ConsolePage"/>) at <c>/</c> and <c>/api/console</c>. Read-only: it never writes a run folder, and its list
/// says so (<c>readOnly</c>, no <c>operations</c>), so the page shows no cancel, restart or delete button.
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    /// <summary>The JSON of the runs API: camelCase, as the Functions app answers.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;

    private ConsoleServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The address the server listens on (with the port it got when asked for port 0).</summary>
    public Uri Url { get; }

    /// <summary>Starts the server on <paramref name="address"/>:<paramref name="port"/> (0: a free port) over the run folders
    /// under <paramref name="runs"/>; returns once it listens.</summary>
    public static async Task<ConsoleServer> StartAsync(string runs, IPAddress address, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var reader = new RunFolderReader(runs);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));
        var app = builder.Build();
        Map(app, reader);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server started without an address.");
        return new ConsoleServer(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Map(WebApplication app, RunFolderReader reader)
    {
        app.MapGet("/", () => Results.Content(ConsolePage.Html, ConsolePage.ContentType));
        app.MapGet("/api/console", () => Results.Content(ConsolePage.Html, ConsolePage.ContentType));
        app.MapGet("/api/runs", async (CancellationToken ct) =>
        {
            var runs = await reader.ListAsync(ct).ConfigureAwait(false);
            return Results.Json(new RunList(runs, null, true, "kimera serve", []), Json);
        });
        app.MapGet("/api/runs/{id}", async (string id, CancellationToken ct) =>
            await reader.ReadAsync(id, ct).ConfigureAwait(false) is { } detail
                ? Results.Json(detail, Json)
                : NoRun(id));
        app.MapGet("/api/runs/{id}/report", (string id) =>
            reader.FolderOf(id) is { } folder && File.Exists(Path.Combine(folder, RunArtifacts.ReportHtml))
                ? Results.File(Path.Combine(folder, RunArtifacts.ReportHtml), ConsolePage.ContentType)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No report", detail: $"Run '{id}' has no {RunArtifacts.ReportHtml} (yet)."));
        app.MapGet("/api/compare", (string? a, string? b, CancellationToken ct) => CompareAsync(reader, a, b, ct));
    }

    /// <summary>The JSON of <c>kimera compare A B --json</c> on two run folders: the same builder, the same defaults.</summary>
    private static async Task<IResult> CompareAsync(RunFolderReader reader, string? a, string? b, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Two runs needed", detail: "Name the two runs to compare: /api/compare?a=ID&b=ID.");
        }

        if (reader.FolderOf(a) is not { } folderA)
        {
            return NoRun(a);
        }

        if (reader.FolderOf(b) is not { } folderB)
        {
            return NoRun(b);
        }

        try
        {
            var report = await RunComparisonBuilder.CompareAsync(folderA, folderB, new RunSpec().ToStatisticsOptions(), cancellationToken: cancellationToken).ConfigureAwait(false);
            return Results.Content(JsonSerializer.Serialize(report, PipelineJson.Options), "application/json; charset=utf-8");
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DatasetFormatException or CsvFormatException or IOException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Cannot compare these runs", detail: ex.Message);
        }
    }

    private static IResult NoRun(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such run", detail: $"No run folder '{id}'.");

    /// <summary>The body of <c>GET /api/runs</c>: the Functions app's page of runs, plus what this server lets the page do.</summary>
    /// <param name="ContinuationToken">Always null: every run folder is on the one page.</param>
    /// <param name="ReadOnly">True: the page says so and shows no operation.</param>
    /// <param name="Server">Who answers, for the page's read-only note.</param>
    /// <param name="Operations">The operations the server supports (cancel, restart, delete); none here.</param>
    private sealed record RunList(IReadOnlyList<LocalRunSummary> Runs, string? ContinuationToken, bool ReadOnly, string Server, IReadOnlyList<string> Operations);
}
