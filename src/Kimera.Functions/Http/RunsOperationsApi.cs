using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kimera.Orchestration.Operations;
using Microsoft.DurableTask.Client;

namespace Kimera.Functions.Http;

/// <summary>The operations part of the HTTP API (list, cancel, restart, delete) as plain methods over a <see cref="DurableTaskClient"/>:
/// each hands the work to <see cref="RunOperations"/> and writes its answer as JSON, or as problem+json.</summary>
public sealed class RunsOperationsApi
{
    private readonly RunOperations _operations;

    public RunsOperationsApi(RunOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        _operations = operations;
    }

    /// <summary><c>GET /api/runs?top=N&amp;status=Running,Failed&amp;continuationToken=…</c>: a page of runs, newest first; 400 for a bad parameter.</summary>
    public async Task<ApiResponse> ListAsync(string? top, string? status, string? continuationToken, Uri baseUri, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(client);
        var errors = new List<string>();
        var size = RunListQuery.DefaultTop;
        if (!string.IsNullOrWhiteSpace(top)
            && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > RunListQuery.MaxTop))
        {
            errors.Add($"top must be a whole number between 1 and {RunListQuery.MaxTop} (got '{top}').");
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in (status ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ListedStatuses.FirstOrDefault(s => s.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                statuses.Add(Enum.Parse<OrchestrationRuntimeStatus>(known));
            }
            else
            {
                errors.Add($"status: '{name}' is not a run status ({string.Join(", ", ListedStatuses)}).");
            }
        }

        var token = string.IsNullOrWhiteSpace(continuationToken) ? null : continuationToken;
        if (token is not null && RunListCursor.Parse(token) is null)
        {
            errors.Add($"continuationToken '{token}' is not one this list gave.");
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest("Some query parameters are not valid.", errors);
        }

        var page = await _operations.ListAsync(client, new RunListQuery(size, statuses, token), cancellationToken).ConfigureAwait(false);
        var runs = new JsonArray(page.Runs.Select(run => (JsonNode?)RunJson(run, baseUri)).ToArray());
        var body = new JsonObject
        {
            ["runs"] = runs,
            ["continuationToken"] = page.ContinuationToken,
            ["nextGetUri"] = page.ContinuationToken is null ? null : NextUri(baseUri, size, statuses, page.ContinuationToken).AbsoluteUri,
            ["readOnly"] = false,
            ["operations"] = new JsonArray(SupportedOperations.Select(op => (JsonNode?)JsonValue.Create(op)).ToArray()),
        };
        return ApiResponse.Of(200, ApiResponse.Json, body.ToJsonString(ApiJson.Options));
    }

    /// <summary><c>POST /api/runs/{id}/cancel</c>: 202 while the backend terminates it; 404 for an unknown run, 409 for a finished one.</summary>
    public static async Task<ApiResponse> CancelAsync(string id, Uri baseUri, DurableTaskClient client, CancellationToken cancellationToken = default) =>
        Accepted(id, baseUri, await RunOperations.CancelAsync(client, id, cancellationToken).ConfigureAwait(false));

    /// <summary><c>POST /api/runs/{id}/restart</c>: 202 with the (same) run id and its URLs; 404 for an unknown run, 409 unless it failed or was canceled.</summary>
    public static async Task<ApiResponse> RestartAsync(string id, Uri baseUri, DurableTaskClient client, CancellationToken cancellationToken = default) =>
        Accepted(id, baseUri, await RunOperations.RestartAsync(client, id, cancellationToken).ConfigureAwait(false));

    /// <summary><c>DELETE /api/runs/{id}</c>: 200 once its history and artifacts are gone; 404 for an unknown run, 409 while it runs.</summary>
    public async Task<ApiResponse> DeleteAsync(string id, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        var result = await _operations.DeleteAsync(client, id, cancellationToken).ConfigureAwait(false);
        return result.Outcome == RunOperationOutcome.Done
            ? ApiResponse.Of(200, ApiResponse.Json, new JsonObject { ["id"] = id, ["deleted"] = true, ["message"] = result.Message }.ToJsonString(ApiJson.Options))
            : Problem(result);
    }

    /// <summary>One run of the list: the fields of <c>GET /api/runs/{id}</c> that a list needs, with its dataset, judges and LLM spend.</summary>
    public static JsonObject RunJson(RunSummary run, Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(baseUri);
        var json = new JsonObject
        {
            ["id"] = run.Id,
            ["dataset"] = run.Dataset,
            ["runtimeStatus"] = run.Status.ToString(),
            ["createdAt"] = run.CreatedAt,
            ["lastUpdatedAt"] = run.LastUpdatedAt,
            ["progress"] = run.Progress is null ? null : JsonSerializer.SerializeToNode(run.Progress, ApiJson.Options),
            ["judges"] = new JsonArray(run.Judges.Select(j => (JsonNode?)JsonValue.Create(j)).ToArray()),
            ["spendUsd"] = run.SpendUsd,
            ["budgetUsd"] = run.BudgetUsd,
            ["error"] = run.Error is { } error ? new JsonObject { ["type"] = error.Type, ["message"] = error.Message } : null,
            ["statusQueryGetUri"] = RunsApi.StatusUri(baseUri, run.Id).AbsoluteUri,
        };
        RunsApi.AddLogs(json, run.Logs);
        return json;
    }

    /// <summary>The operations a list says this app supports, as the console reads them (<c>operations</c>): each is a button that
    /// calls <c>POST /api/runs/{id}/cancel</c>, <c>POST /api/runs/{id}/restart</c> or <c>DELETE /api/runs/{id}</c>.</summary>
    public static IReadOnlyList<string> SupportedOperations { get; } = ["cancel", "restart", "delete"];

    /// <summary>The statuses a list can be filtered by, as the API spells them: a canceled run is <c>Terminated</c>; the client's
    /// <c>Canceled</c> and <c>ContinuedAsNew</c> are never a run's status.</summary>
    public static IReadOnlyList<string> ListedStatuses { get; } =
    [
        nameof(OrchestrationRuntimeStatus.Pending), nameof(OrchestrationRuntimeStatus.Running), nameof(OrchestrationRuntimeStatus.Suspended),
        nameof(OrchestrationRuntimeStatus.Completed), nameof(OrchestrationRuntimeStatus.Failed), nameof(OrchestrationRuntimeStatus.Terminated),
    ];

    private static ApiResponse Accepted(string id, Uri baseUri, RunOperationResult result)
    {
        if (result.Outcome != RunOperationOutcome.Done)
        {
            return Problem(result);
        }

        var status = RunsApi.StatusUri(baseUri, id);
        var body = new JsonObject
        {
            ["id"] = id,
            ["message"] = result.Message,
            ["statusQueryGetUri"] = status.AbsoluteUri,
            ["reportGetUri"] = RunsApi.ReportUri(baseUri, id).AbsoluteUri,
        };
        return ApiResponse.Of(202, ApiResponse.Json, body.ToJsonString(ApiJson.Options), new Dictionary<string, string> { ["Location"] = status.AbsoluteUri });
    }

    private static ApiResponse Problem(RunOperationResult result) => result.Outcome switch
    {
        RunOperationOutcome.NotFound => Problems.NotFound(result.Message),
        _ => Problems.Create(409, "Conflict", result.Message),
    };

    private static Uri NextUri(Uri baseUri, int top, IReadOnlyList<OrchestrationRuntimeStatus> statuses, string token)
    {
        var query = $"top={top.ToString(CultureInfo.InvariantCulture)}"
            + (statuses.Count > 0 ? $"&status={string.Join(',', statuses)}" : string.Empty)
            + $"&continuationToken={Uri.EscapeDataString(token)}";
        return new Uri(baseUri, $"{RunsApi.RoutePrefix}/runs?{query}");
    }
}
