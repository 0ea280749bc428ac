using Kimera.Datasets.Formats;
using Kimera.Engine.Embeddings;
using Kimera.Functions.Configuration;
using Kimera.Orchestration;
using Kimera.Pipeline.Telemetry;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Kimera.Functions.Triggers;

/// <summary>Starts a run with the default options for a dataset blob. The instance id is derived from the blob's name and
/// ETag, so a repeated event for the same upload (Event Grid delivers at least once) finds the run and starts nothing.
/// Only names of a dataset format start a run (<see cref="DatasetFormats.IsDatasetName"/>: .csv, .tsv, .txt, .jsonl, .json,
/// .parquet, the text formats also .gz); any other blob (a README, a zip) is logged and left alone, and so is a blob under
/// <see cref="DatasetUploadOptions.BlobPrefix"/> (<c>console/</c>): the console uploaded it and starts its run itself.</summary>
public sealed partial class DatasetRunStarter
{
    private readonly RunRequestFactory _requests;
    private readonly ILogger<DatasetRunStarter> _logger;

    public DatasetRunStarter(RunRequestFactory requests, ILogger<DatasetRunStarter> logger)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(logger);
        _requests = requests;
        _logger = logger;
    }

    /// <summary><c>dataset-</c> and the first 32 hex digits of SHA-256 over name, newline, ETag: a new upload (new ETag) is a new run.</summary>
    public static string InstanceIdFor(string blobName, string etag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blobName);
        ArgumentException.ThrowIfNullOrWhiteSpace(etag);
        return "dataset-" + TextHash.Sha256Hex($"{blobName}\n{etag}")[..32];
    }

    /// <returns>The run, or null when <paramref name="blobName"/> is not the name of a dataset format or is a console upload
    /// (nothing is started).</returns>
    public async Task<DatasetRunStart?> StartAsync(string blobName, string etag, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (DatasetUploadOptions.IsUpload(blobName))
        {
            LogUpload(blobName, DatasetUploadOptions.BlobPrefix);
            return null;
        }

        if (!DatasetFormats.IsDatasetName(blobName))
        {
            LogIgnored(blobName, string.Join(" ", DatasetFormats.Extensions));
            return null;
        }

        var id = InstanceIdFor(blobName, etag);
        using var run = RunTelemetry.BeginRun(_logger, id, "StartRunForDataset");
        if (await client.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            LogDuplicate(blobName, etag, id);
            return new DatasetRunStart(id, Started: false);
        }

        var (request, errors) = _requests.Create(blobName);
        if (request is null)
        {
            throw new InvalidOperationException($"The default run options are not valid: {string.Join(" ", errors)}");
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(OrchestrationNames.Orchestrator, request, new StartOrchestrationOptions(id), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Two deliveries may race past the check above: if the run exists now, the other one scheduled it.
            if (await client.GetInstanceAsync(id, CancellationToken.None).ConfigureAwait(false) is null)
            {
                throw;
            }

            LogDuplicate(blobName, etag, id);
            return new DatasetRunStart(id, Started: false);
        }

        LogStarted(blobName, etag, id);
        return new DatasetRunStart(id, Started: true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob {Blob} is not a dataset file (the names read end in {Extensions}); no run is started")]
    private partial void LogIgnored(string blob, string extensions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob {Blob} was uploaded through the console (under {Prefix}): its uploader starts its run, the trigger starts none")]
    private partial void LogUpload(string blob, string prefix);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Blob} (ETag {ETag}) started run {RunId}")]
    private partial void LogStarted(string blob, string etag, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Blob} (ETag {ETag}) already has run {RunId}; the repeated event starts nothing")]
    private partial void LogDuplicate(string blob, string etag, string runId);
}
