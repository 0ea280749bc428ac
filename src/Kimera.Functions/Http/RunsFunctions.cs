using Kimera.Orchestration.Operations;
using Kimera.Reporting.Console;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Kimera.Functions.Http;

/// <summary>The HTTP triggers of the run API (function-key auth); each hands the request's pieces to <see cref="RunsApi"/>.</summary>
public sealed class RunsFunctions
{
    private readonly RunsApi _api;
    private readonly RunsOperationsApi _operations;
    private readonly RunLogsOptions _logs;

    public RunsFunctions(RunsApi api, RunsOperationsApi operations, IOptions<RunLogsOptions> logs)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(logs);
        _api = api;
        _operations = operations;
        _logs = logs.Value;
    }

    [Function("StartRun")]
    public async Task<IActionResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(request, await _api.StartAsync(request.Body, BaseUri(request), client, request.HttpContext.RequestAborted));
    }

    [Function("GetRun")]
    public async Task<IActionResult> GetStatusAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(request, await RunsApi.GetStatusAsync(id, BaseUri(request), client, _logs, request.HttpContext.RequestAborted));
    }

    [Function("GetRunReport")]
    public async Task<IActionResult> GetReportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}/report")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wantsJson = RunsApi.AcceptsJson(request.Headers.Accept.ToString());
        return Write(request, await _api.GetReportAsync(id, wantsJson, client, request.HttpContext.RequestAborted));
    }

    [Function("ListRuns")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        return Write(request, await _operations.ListAsync(
            query["top"].ToString(), query["status"].ToString(), query["continuationToken"].ToString(), BaseUri(request), client, request.HttpContext.RequestAborted));
    }

    [Function("CancelRun")]
    public static async Task<IActionResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{id}/cancel")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(request, await RunsOperationsApi.CancelAsync(id, BaseUri(request), client, request.HttpContext.RequestAborted));
    }

    [Function("RestartRun")]
    public static async Task<IActionResult> RestartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{id}/restart")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(request, await RunsOperationsApi.RestartAsync(id, BaseUri(request), client, request.HttpContext.RequestAborted));
    }

    [Function("DeleteRun")]
    public async Task<IActionResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "runs/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(request, await _operations.DeleteAsync(id, client, request.HttpContext.RequestAborted));
    }

    /// <summary><c>GET /api/console</c>: the runs console page (Kimera.Reporting's <see cref="ConsolePage"/>), the same page
    /// <c>kimera serve</c> serves. Opened with <c>?code=KEY</c>, the page passes the key on to every API call it makes.</summary>
    [Function("Console")]
    public static IActionResult GetConsole(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "console")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(request, RunsApi.ConsolePageResponse());
    }

    private static Uri BaseUri(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");

    private static ContentResult Write(HttpRequest request, ApiResponse response) => ApiResults.Write(request, response);
}
