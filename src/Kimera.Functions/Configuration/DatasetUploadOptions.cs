namespace Kimera.Functions.Configuration;

/// <summary>Datasets uploaded through <c>POST /api/datasets/{name}</c> (section <c>Kimera:Upload</c>).</summary>
public sealed class DatasetUploadOptions
{
    public const string SectionName = "Kimera:Upload";

    /// <summary>Where uploads go in the datasets container: <c>console/&lt;name&gt;</c>. The blob trigger starts no run for
    /// blobs under it (the uploader starts their run with <c>POST /api/runs</c>), nor does the Event Grid subscription deliver them.</summary>
    public const string BlobPrefix = "console/";

    /// <summary>100 MiB, the Functions host's own default limit on a request body.</summary>
    public const long DefaultMaxBytes = 100L * 1024 * 1024;

    /// <summary>The longest file name accepted (the blob name adds <see cref="BlobPrefix"/>; the service allows 1,024 characters).</summary>
    public const int MaxNameLength = 200;

    /// <summary>The largest upload accepted, in bytes; a larger one gets 413.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Whether <paramref name="blobName"/> (a name in the datasets container) was uploaded through the API.</summary>
    public static bool IsUpload(string blobName) => blobName.StartsWith(BlobPrefix, StringComparison.Ordinal);
}
