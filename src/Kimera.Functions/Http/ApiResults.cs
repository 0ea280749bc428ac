using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Kimera.Functions.Http;

/// <summary>Writes an <see cref="ApiResponse"/> out of an HTTP function: its headers on the response, the rest as a <see cref="ContentResult"/>.</summary>
public static class ApiResults
{
    public static ContentResult Write(HttpRequest request, ApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        foreach (var (name, value) in response.Headers)
        {
            request.HttpContext.Response.Headers[name] = value;
        }

        return new ContentResult { StatusCode = response.StatusCode, ContentType = response.ContentType, Content = response.Body };
    }
}
