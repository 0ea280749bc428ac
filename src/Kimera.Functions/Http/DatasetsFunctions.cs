using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Kimera.Functions.Http;

/// <summary>The HTTP triggers of the console's upload form (function-key auth): the upload and what the form may offer.</summary>
public sealed class DatasetsFunctions
{
    private readonly DatasetsApi _datasets;
    private readonly RunRequestFactory _requests;

    public DatasetsFunctions(DatasetsApi datasets, RunRequestFactory requests)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(requests);
        _datasets = datasets;
        _requests = requests;
    }

    /// <summary><c>POST /api/datasets/{name}[?overwrite=true]</c>: the body is the file (see <see cref="DatasetsApi.UploadAsync"/>).</summary>
    [Function("UploadDataset")]
    public async Task<IActionResult> UploadAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "datasets/{name}")] HttpRequest request,
        string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The server's own limit (Kestrel's 30 MB by default) would cut the body off before ours answers 413 with its reason.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = _datasets.MaxBytes + 1;
        }

        return ApiResults.Write(request, await _datasets.UploadAsync(
            name, request.Body, request.ContentLength, request.Query["overwrite"].ToString(), request.HttpContext.RequestAborted));
    }

    /// <summary><c>GET /api/console/capabilities</c>: see <see cref="ConsoleCapabilities"/>.</summary>
    [Function("ConsoleCapabilities")]
    public IActionResult GetCapabilities(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "console/capabilities")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ApiResults.Write(request, ConsoleCapabilities.Response(_datasets.MaxBytes, _requests.JudgeNamesAvailable, _requests.DefaultJudges, _requests.BudgetCapUsd));
    }
}
