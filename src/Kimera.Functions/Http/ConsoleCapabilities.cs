using System.Text.Json.Nodes;
using Kimera.Datasets.Formats;

namespace Kimera.Functions.Http;

/// <summary><c>GET /api/console/capabilities</c>: what the console may offer on this server. The Functions app lets it upload a
/// dataset and start a run: the largest upload, the judges a run may name (and those it gets by default), and the deployment's
/// LLM budget, which caps a run's own <c>budgetUsd</c>. <c>kimera serve</c> has no such route, so its console shows no form.</summary>
public static class ConsoleCapabilities
{
    public static ApiResponse Response(long maxUploadBytes, IReadOnlyList<string> judges, IReadOnlyList<string> defaultJudges, decimal? budgetCapUsd)
    {
        ArgumentNullException.ThrowIfNull(judges);
        ArgumentNullException.ThrowIfNull(defaultJudges);
        var capabilities = new JsonObject
        {
            ["upload"] = true,
            ["maxUploadBytes"] = maxUploadBytes,
            ["datasetExtensions"] = new JsonArray([.. DatasetFormats.Extensions.Select(e => (JsonNode?)JsonValue.Create(e))]),
            ["judges"] = new JsonArray([.. judges.Select(j => (JsonNode?)JsonValue.Create(j))]),
            ["defaultJudges"] = new JsonArray([.. defaultJudges.Select(j => (JsonNode?)JsonValue.Create(j))]),
            ["budgetCapUsd"] = budgetCapUsd,
        };
        return ApiResponse.Of(200, ApiResponse.Json, capabilities.ToJsonString(ApiJson.Options));
    }
}
