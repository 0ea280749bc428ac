namespace Kimera.Functions.Http;

/// <summary>What an HTTP handler answers: status, content type, body and extra headers; the function writes it out as it is.</summary>
public sealed record ApiResponse(int StatusCode, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public const string Json = "application/json; charset=utf-8";
    public const string ProblemJson = "application/problem+json; charset=utf-8";
    public const string Html = "text/html; charset=utf-8";

    public static ApiResponse Of(int statusCode, string contentType, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, contentType, body, headers ?? new Dictionary<string, string>());
}
