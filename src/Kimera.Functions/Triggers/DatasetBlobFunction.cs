using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Kimera.Functions.Triggers;

/// <summary>A blob created in <c>datasets</c> (delivered by Event Grid) starts a run with the default options when its name is
/// one of a dataset format (<see cref="DatasetRunStarter"/>); other blobs are logged and left alone.</summary>
public sealed class DatasetBlobFunction
{
    private readonly DatasetRunStarter _starter;

    public DatasetBlobFunction(DatasetRunStarter starter)
    {
        ArgumentNullException.ThrowIfNull(starter);
        _starter = starter;
    }

    [Function("RunOnDatasetUploaded")]
    public async Task RunAsync(
        [BlobTrigger("datasets/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        // The client binding reads no content; the ETag names this version of the upload.
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _starter.StartAsync(name, properties.Value.ETag.ToString(), client, cancellationToken).ConfigureAwait(false);
    }
}
