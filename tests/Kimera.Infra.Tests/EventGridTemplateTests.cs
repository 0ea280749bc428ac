namespace Kimera.Infra.Tests;

/// <summary>The storage system topic (main template) and the BlobCreated subscription (eventgrid template).</summary>
[Trait("Category", "Process")]
public sealed class EventGridTemplateTests
{
    [Fact]
    public async Task System_topic_publishes_the_storage_account_events()
    {
        var topic = (await InfraFiles.MainTemplateAsync()).Single("Microsoft.EventGrid/systemTopics");

        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic.Properties!["topicType"]);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", (string?)topic.Properties["source"]);
        Assert.Equal("[variables('storageAccountName')]", (string?)topic.ModuleParameter("storageAccountName"));
    }

    [Fact]
    public async Task Subscription_is_not_part_of_the_main_deployment()
    {
        // It needs the deployed app's blob extension key; creating it before the code would fail validation.
        var main = await InfraFiles.MainTemplateAsync();

        Assert.Empty(main.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
    }

    [Fact]
    public async Task Subscription_sends_only_blob_created_in_datasets()
    {
        var subscription = (await InfraFiles.EventGridTemplateAsync()).Single("Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var filter = subscription.Properties!["filter"]!;

        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("/blobServices/default/containers/datasets/", (string?)filter["subjectBeginsWith"]);
        Assert.Equal("EventGridSchema", (string?)subscription.Properties["eventDeliverySchema"]);
    }

    [Fact]
    public async Task Subscription_leaves_out_the_console_uploads_which_start_their_own_run()
    {
        // A blob's subject is /blobServices/default/containers/<container>/blobs/<name>; uploads are named console/<file>.
        var subscription = (await InfraFiles.EventGridTemplateAsync()).Single("Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var advanced = subscription.Properties!["filter"]!["advancedFilters"]!.AsArray();

        var only = Assert.Single(advanced)!;
        Assert.Equal("StringNotBeginsWith", (string?)only["operatorType"]);
        Assert.Equal("subject", (string?)only["key"]);
        Assert.Equal(["/blobServices/default/containers/datasets/blobs/console/"], only["values"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public async Task Subscription_targets_the_blob_extension_webhook_of_RunOnDatasetUploaded()
    {
        var eventGrid = await InfraFiles.EventGridTemplateAsync();
        var destination = eventGrid.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions").Properties!["destination"]!;

        Assert.Equal("WebHook", (string?)destination["endpointType"]);
        Assert.Equal(
            "[format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}', "
            + "reference(resourceId('Microsoft.Web/sites', parameters('functionAppName')), '2024-04-01').defaultHostName, "
            + "parameters('functionName'), "
            + "listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites', parameters('functionAppName'))), '2024-04-01').systemKeys.blobs_extension)]",
            (string?)destination["properties"]!["endpointUrl"]);
        Assert.Equal("RunOnDatasetUploaded", (string?)eventGrid.Parameters["functionName"]!["defaultValue"]);
        Assert.Equal(1, (int)destination["properties"]!["maxEventsPerBatch"]!);
    }
}
