using System.Text.Json.Nodes;

namespace Kimera.Functions.Http;

/// <summary>Error responses as RFC 9457 problem details (<c>application/problem+json</c>).</summary>
public static class Problems
{
    public static ApiResponse BadRequest(string detail, IReadOnlyList<string>? errors = null) =>
        Create(400, "The request is not valid", detail, errors);

    public static ApiResponse NotFound(string detail) => Create(404, "Not found", detail);

    public static ApiResponse Conflict(string detail) => Create(409, "Not ready", detail);

    /// <param name="errors">Listed under the extension member <c>errors</c>, one message each.</param>
    public static ApiResponse Create(int status, string title, string detail, IReadOnlyList<string>? errors = null)
    {
        // "about:blank": the status code says it all (RFC 9457 §4.2.1); title is then the status's phrase or close to it.
        var problem = new JsonObject
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (errors is { Count: > 0 })
        {
            problem["errors"] = new JsonArray(errors.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        }

        return ApiResponse.Of(status, ApiResponse.ProblemJson, problem.ToJsonString(ApiJson.Options));
    }
}
