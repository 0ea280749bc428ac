using System.Text.Json;
using System.Text.Json.Nodes;
using Kimera.Datasets;
using Kimera.Functions.Reporting;
using Kimera.Orchestration;
using Kimera.Orchestration.Contracts;
using Kimera.Orchestration.Operations;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Telemetry;
using Kimera.Reporting.Console;
using Kimera.Reporting.Model;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Kimera.Functions.Http;

/// <summary>The HTTP API of docs/architecture.md ("Contracts") as plain methods over a <see cref="DurableTaskClient"/>: the <c>[Function]</c>
/// wrappers pass the request's pieces in and write the <see cref="ApiResponse"/> out, so tests call these directly.</summary>
public sealed partial class RunsApi
{
    /// <summary>The route prefix set in <c>host.json</c> (<c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";

    private readonly RunRequestFactory _requests;
    private readonly IDatasetSourceResolver _datasets;
    private readonly IRunStoreFactory _stores;
    private readonly ILogger<RunsApi> _logger;

    public RunsApi(RunRequestFactory requests, IDatasetSourceResolver datasets, IRunStoreFactory stores, ILogger<RunsApi> logger)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(logger);
        _requests = requests;
        _datasets = datasets;
        _stores = stores;
        _logger = logger;
    }

    /// <summary><c>POST /api/runs</c>: 202 with the run id and its URLs; 400 for a bad body; 404 when the dataset does not exist.</summary>
    /// <param name="baseUri">Scheme, host and path base of the app (the status URLs are built on it).</param>
    public async Task<ApiResponse> StartAsync(Stream body, Uri baseUri, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(client);
        StartRunBody? parsed;
        try
        {
            parsed = StartRunBody.Read(await JsonSerializer.DeserializeAsync<JsonElement>(body, ApiJson.Options, cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"The body is not a valid run request: {ex.Message} Expected a JSON object such as {{\"dataset\": \"pairs.csv\"}}.");
        }

        if (string.IsNullOrWhiteSpace(parsed?.Dataset))
        {
            return Problems.BadRequest("The body must name the dataset blob: {\"dataset\": \"pairs.csv\"}.");
        }

        var (request, errors) = _requests.Create(parsed.Dataset, parsed);
        if (request is null)
        {
            return Problems.BadRequest("Some options are out of range.", errors);
        }

        DatasetSource? dataset;
        try
        {
            dataset = await _datasets.ResolveAsync(request.Dataset, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message);
        }

        if (dataset is null)
        {
            return Problems.NotFound($"Dataset '{request.Dataset}' does not exist in the datasets container.");
        }

        var id = Guid.NewGuid().ToString("N");
        using var run = RunTelemetry.BeginRun(_logger, id, "StartRun");
        await client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, request, new StartOrchestrationOptions(id), cancellationToken)
            .ConfigureAwait(false);
        LogStarted(id, request.Dataset);

        var status = StatusUri(baseUri, id);
        var accepted = new JsonObject
        {
            ["id"] = id,
            ["runtimeStatus"] = nameof(OrchestrationRuntimeStatus.Pending),
            ["statusQueryGetUri"] = status.AbsoluteUri,
            ["reportGetUri"] = ReportUri(baseUri, id).AbsoluteUri,
        };
        return ApiResponse.Of(202, ApiResponse.Json, accepted.ToJsonString(ApiJson.Options), new Dictionary<string, string>
        {
            ["Location"] = status.AbsoluteUri,
            ["Retry-After"] = "10",
        });
    }

    /// <summary><c>GET /api/runs/{id}</c>: runtime status, progress, timestamps, the summary or the error, and where its logs are
    /// (<c>logsQuery</c>, and <c>logsUrl</c> when <paramref name="logs"/> names the Application Insights resource); 404 for an unknown id.</summary>
    public static async Task<ApiResponse> GetStatusAsync(
        string id, Uri baseUri, DurableTaskClient client, RunLogsOptions? logs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(client);
        var instance = string.IsNullOrWhiteSpace(id) ? null : await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return Problems.NotFound($"There is no run '{id}'.");
        }

        var progress = instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<RunStatus>();
        var completed = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
        var status = new JsonObject
        {
            ["id"] = instance.InstanceId,
            ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
            ["createdAt"] = instance.CreatedAt,
            ["lastUpdatedAt"] = instance.LastUpdatedAt,
            ["progress"] = progress is null ? null : JsonSerializer.SerializeToNode(progress, ApiJson.Options),
            ["summary"] = completed ? JsonSerializer.SerializeToNode(instance.ReadOutputAs<RunResult>(), ApiJson.Options) : null,
            // FailureDetails when the backend keeps them, else the serialized output (the Azure Storage provider's case).
            ["error"] = RunError.Of(instance) is { } failure
                ? new JsonObject { ["type"] = failure.Type, ["message"] = failure.Message }
                : null,
            ["reportGetUri"] = completed ? ReportUri(baseUri, instance.InstanceId).AbsoluteUri : null,
        };
        AddLogs(status, RunLogs.For(instance.InstanceId, logs?.ApplicationInsightsResourceId));
        return ApiResponse.Of(200, ApiResponse.Json, status.ToJsonString(ApiJson.Options));
    }

    /// <summary>The fields <c>logsQuery</c> (the KQL on the run id) and <c>logsUrl</c> (the portal link, or null) of a run's JSON.</summary>
    public static void AddLogs(JsonObject run, RunLogs logs)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(logs);
        run["logsQuery"] = logs.Query;
        run["logsUrl"] = logs.Url?.AbsoluteUri;
    }

    /// <summary><c>GET /api/runs/{id}/report</c>: the HTML report, or <c>report.json</c> when <paramref name="wantsJson"/>;
    /// 404 for an unknown id, 409 while the run has not completed.</summary>
    public async Task<ApiResponse> GetReportAsync(string id, bool wantsJson, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = string.IsNullOrWhiteSpace(id) ? null : await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return Problems.NotFound($"There is no run '{id}'.");
        }

        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            return Problems.Conflict($"Run '{id}' is {instance.RuntimeStatus}; its report exists once it has completed.");
        }

        var store = _stores.ForRun(instance.InstanceId);
        var json = await ReadTextAsync(store, RunArtifacts.Report, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return Problems.NotFound($"Run '{id}' completed but its report.json is missing from {store.Location}.");
        }

        if (wantsJson)
        {
            return ApiResponse.Of(200, ApiResponse.Json, json);
        }

        // A report.html written by the pipeline wins; until the pipeline writes one, a summary page is made from report.json,
        // read as the typed report with the options the pipeline wrote it with.
        var html = await ReadTextAsync(store, RunArtifacts.ReportHtml, cancellationToken).ConfigureAwait(false)
            ?? ReportSummaryHtml.Render(JsonSerializer.Deserialize<RunReport>(json, PipelineJson.Options)!);
        return ApiResponse.Of(200, ApiResponse.Html, html);
    }

    /// <summary>Whether an <c>Accept</c> header asks for JSON rather than HTML.</summary>
    public static bool AcceptsJson(string? accept) =>
        accept is not null && accept.Split(',').Select(part => part.Split(';')[0].Trim())
            .Any(type => type.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>GET /api/console</c>: the runs console (<see cref="ConsolePage"/>), 200 as HTML. The page reads this API
    /// relative to itself and adds the <c>code</c> it was opened with to each call, so function-key auth holds for all of them.</summary>
    public static ApiResponse ConsolePageResponse() => ApiResponse.Of(200, ApiResponse.Html, ConsolePage.Html);

    public static Uri StatusUri(Uri baseUri, string id) => new(baseUri, $"{RoutePrefix}/runs/{Uri.EscapeDataString(id)}");

    public static Uri ReportUri(Uri baseUri, string id) => new(baseUri, $"{RoutePrefix}/runs/{Uri.EscapeDataString(id)}/report");

    private static async Task<string?> ReadTextAsync(IArtifactStore store, string name, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(name, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started run {RunId} on dataset {Dataset}")]
    private partial void LogStarted(string runId, string dataset);
}
