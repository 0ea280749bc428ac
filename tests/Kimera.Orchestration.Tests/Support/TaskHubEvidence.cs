using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Kimera.TestSupport.Azurite;

namespace Kimera.Orchestration.Tests.Support;

/// <summary>What the Azure Storage provider left on Azurite for one task hub and instance, read after the run: the proof that
/// the real backend's tables, queues and blobs carried the orchestration (names as DurableTask.AzureStorage makes them).</summary>
/// <param name="HistoryEvents">The instance's rows of the <c>{hub}History</c> table: event type and, for tasks, the task name.</param>
/// <param name="InstanceStatus">RuntimeStatus of the instance's row in <c>{hub}Instances</c>.</param>
/// <param name="Queues">The hub's queues: <c>{hub}-control-NN</c> (one per partition) and <c>{hub}-workitems</c>.</param>
/// <param name="LargeMessageBlobs">Blobs of <c>{hub}-largemessages</c>, where payloads above the queue-message limit go.</param>
public sealed record TaskHubEvidence(
    IReadOnlyList<(string EventType, string? Name)> HistoryEvents,
    string? InstanceStatus,
    IReadOnlyList<string> Queues,
    IReadOnlyList<string> LargeMessageBlobs)
{
    public int Count(string eventType, string? name = null) =>
        HistoryEvents.Count(e => e.EventType == eventType && (name is null || e.Name == name));

    /// <summary>Every instance of the hub's <c>{hub}History</c> table with its rows: event types and task names, by instance id.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<(string EventType, string? Name)>>> HistoryByInstanceAsync(AzuriteFixture azurite, string hubName)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var rows = new Dictionary<string, List<(string, string?)>>(StringComparer.Ordinal);
        var history = new TableServiceClient(azurite.ConnectionString).GetTableClient(hubName + "History");
        await foreach (var row in history.QueryAsync<TableEntity>(select: ["PartitionKey", "EventType", "Name"]))
        {
            if (!rows.TryGetValue(row.PartitionKey, out var list))
            {
                rows[row.PartitionKey] = list = [];
            }

            list.Add((row.GetString("EventType") ?? "?", row.GetString("Name")));
        }

        return rows.ToDictionary(p => p.Key, p => (IReadOnlyList<(string, string?)>)p.Value, StringComparer.Ordinal);
    }

    public static async Task<TaskHubEvidence> ReadAsync(AzuriteFixture azurite, string hubName, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var tables = new TableServiceClient(azurite.ConnectionString);
        var history = new List<(string, string?)>();
        await foreach (var row in tables.GetTableClient(hubName + "History").QueryAsync<TableEntity>(e => e.PartitionKey == instanceId))
        {
            history.Add((row.GetString("EventType") ?? "?", row.GetString("Name")));
        }

        var instance = await tables.GetTableClient(hubName + "Instances").GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty);
        var status = instance.HasValue ? instance.Value!.GetString("RuntimeStatus") : null;

        var lower = hubName.ToLowerInvariant();
        var queues = new List<string>();
        await foreach (var queue in new QueueServiceClient(azurite.ConnectionString).GetQueuesAsync(prefix: lower))
        {
            queues.Add(queue.Name);
        }

        var blobs = new List<string>();
        var largeMessages = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(lower + "-largemessages");
        if (await largeMessages.ExistsAsync())
        {
            await foreach (var blob in largeMessages.GetBlobsAsync())
            {
                blobs.Add(blob.Name);
            }
        }

        return new TaskHubEvidence(history, status, queues, blobs);
    }
}
