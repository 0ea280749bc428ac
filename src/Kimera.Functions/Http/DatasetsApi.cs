using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Kimera.Datasets.Formats;
using Kimera.Functions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kimera.Functions.Http;

/// <summary><c>POST /api/datasets/{name}</c>: a dataset file uploaded from the console into the datasets container, under
/// <see cref="DatasetUploadOptions.BlobPrefix"/> so that the blob trigger starts no run of its own; the uploader starts one
/// with <c>POST /api/runs</c> on the blob name this answers.</summary>
public sealed partial class DatasetsApi
{
    /// <summary>The metadata key of an uploaded blob's SHA-256 (lowercase hex): an upload of the same bytes again is no conflict.</summary>
    public const string Sha256Metadata = "sha256";

    private const int BlockBytes = 4 * 1024 * 1024;

    private readonly WebJobsStorage _storage;
    private readonly StorageOptions _names;
    private readonly DatasetUploadOptions _options;
    private readonly ILogger<DatasetsApi> _logger;

    public DatasetsApi(WebJobsStorage storage, IOptions<StorageOptions> names, IOptions<DatasetUploadOptions> options, ILogger<DatasetsApi> logger)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _storage = storage;
        _names = names.Value;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The largest upload accepted, in bytes (<c>Kimera:Upload:MaxBytes</c>).</summary>
    public long MaxBytes => _options.MaxBytes;

    /// <summary>The blob name an upload named <paramref name="fileName"/> is stored under (what <c>POST /api/runs</c> takes as <c>dataset</c>).</summary>
    public static string BlobNameOf(string fileName) => DatasetUploadOptions.BlobPrefix + fileName;

    /// <summary>What is wrong with <paramref name="fileName"/> as the name of an upload: empty, too long, a path, control
    /// characters, or not a dataset format's extension. Empty when it is fine.</summary>
    public static IReadOnlyList<string> NameProblems(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return ["The upload needs a file name: POST /api/datasets/pairs.csv."];
        }

        var problems = new List<string>();
        if (fileName.Length > DatasetUploadOptions.MaxNameLength)
        {
            problems.Add($"The file name is {fileName.Length} characters long; at most {DatasetUploadOptions.MaxNameLength} are accepted.");
        }

        if (fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\\', StringComparison.Ordinal) || fileName.Contains("..", StringComparison.Ordinal))
        {
            problems.Add($"'{fileName}' is not a plain file name: '/', '\\' and '..' are not accepted.");
        }

        if (fileName.Any(char.IsControl))
        {
            problems.Add("The file name holds control characters.");
        }

        if (fileName.Trim() != fileName)
        {
            problems.Add($"'{fileName}' starts or ends with white space.");
        }

        if (!DatasetFormats.IsDatasetName(fileName))
        {
            problems.Add($"'{fileName}' is not the name of a dataset file: it must end in one of {string.Join(" ", DatasetFormats.Extensions)}.");
        }

        return problems;
    }

    /// <summary>Stores <paramref name="body"/> as blob <c>console/&lt;fileName&gt;</c>, streamed in blocks of 4 MiB, committed only
    /// once whole. 201 with <c>dataset</c> (the blob name), <c>bytes</c> and <c>sha256</c>; 200 with the same when the blob already
    /// holds these bytes; 400 for a bad name; 409 when it holds others and <paramref name="overwrite"/> is not "true";
    /// 413 above <see cref="MaxBytes"/> (by <paramref name="contentLength"/> before reading, else as the body arrives).</summary>
    public async Task<ApiResponse> UploadAsync(string? fileName, Stream body, long? contentLength, string? overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var problems = NameProblems(fileName).ToList();
        var replace = false;
        if (!string.IsNullOrEmpty(overwrite) && !bool.TryParse(overwrite, out replace))
        {
            problems.Add($"overwrite must be true or false (got '{overwrite}').");
        }

        if (problems.Count > 0)
        {
            return Problems.BadRequest("The dataset cannot be stored under this name.", problems);
        }

        if (contentLength > _options.MaxBytes)
        {
            return TooLarge($"its Content-Length is {contentLength.Value}");
        }

        var name = BlobNameOf(fileName!);
        var container = _storage.Blobs.GetBlobContainerClient(_names.DatasetsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var blob = container.GetBlockBlobClient(name);
        using var limited = new UploadLimitStream(body, _options.MaxBytes);
        try
        {
            var uploaded = await blob.UploadAsync(limited, new BlobUploadOptions
            {
                Conditions = replace ? null : new BlobRequestConditions { IfNoneMatch = ETag.All },
                TransferOptions = new() { InitialTransferSize = BlockBytes, MaximumTransferSize = BlockBytes, MaximumConcurrency = 1 },
            }, cancellationToken).ConfigureAwait(false);
            var sha256 = limited.Sha256Hex();
            await blob.SetMetadataAsync(
                new Dictionary<string, string> { [Sha256Metadata] = sha256 },
                new BlobRequestConditions { IfMatch = uploaded.Value.ETag },
                cancellationToken).ConfigureAwait(false);
            LogUploaded(name, limited.BytesRead, sha256);
            return Stored(201, name, limited.BytesRead, sha256);
        }
        catch (UploadTooLargeException)
        {
            return TooLarge($"more than {_options.MaxBytes} bytes arrived");
        }
        catch (RequestFailedException ex) when (!replace && ex.Status is 409 or 412)
        {
            // The blob exists: the same bytes again are no conflict (a retried upload); other bytes need overwrite=true.
            try
            {
                await limited.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
            catch (UploadTooLargeException)
            {
                return TooLarge($"more than {_options.MaxBytes} bytes arrived");
            }

            var sha256 = limited.Sha256Hex();
            var existing = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (existing.Value.Metadata.TryGetValue(Sha256Metadata, out var stored) && stored == sha256 && existing.Value.ContentLength == limited.BytesRead)
            {
                return Stored(200, name, limited.BytesRead, sha256);
            }

            return Problems.Create(
                409,
                "Conflict",
                $"Dataset '{name}' already exists with other content ({existing.Value.ContentLength} bytes): upload with ?overwrite=true to replace it, or choose another file name.");
        }
    }

    private static ApiResponse Stored(int status, string name, long bytes, string sha256) =>
        ApiResponse.Of(status, ApiResponse.Json, new JsonObject { ["dataset"] = name, ["bytes"] = bytes, ["sha256"] = sha256 }.ToJsonString(ApiJson.Options));

    private ApiResponse TooLarge(string seen) => Problems.Create(
        413,
        "Content too large",
        $"The upload is larger than {_options.MaxBytes} bytes, the most this app accepts (Kimera:Upload:MaxBytes): {seen}.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Blob} uploaded ({Bytes} bytes, SHA-256 {Sha256})")]
    private partial void LogUploaded(string blob, long bytes, string sha256);
}
