// The BlobCreated subscription that feeds the dataset blob trigger (Source = EventGrid).
// Deployed after the code (azd postdeploy hook / infra/deploy-eventgrid.sh): Event Grid validates
// the webhook when the subscription is created, and the blob extension's system key, which the
// webhook URL carries, exists only once the host has started with the blob trigger loaded.
// The key is read here with listKeys and goes straight into the write-only endpoint URL: it is
// never a parameter, an output or a line in a log.

targetScope = 'resourceGroup'

@description('Name of the function app (FUNCTION_APP_NAME output of main.bicep).')
param functionAppName string

@description('Name of the storage account\'s Event Grid system topic (EVENTGRID_SYSTEM_TOPIC_NAME output of main.bicep).')
param systemTopicName string

@description('Name of the blob-triggered function that starts a run.')
param functionName string = 'RunOnDatasetUploaded'

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

var blobsExtensionKey = listKeys('${functionApp.id}/host/default', '2024-04-01').systemKeys.blobs_extension

resource blobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: 'datasets-blob-created'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
        // One event per request: each upload is one run; the trigger dedupes repeats by name + ETag.
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/datasets/'
      // Datasets uploaded through the console (POST /api/datasets/{name}, stored under console/) start their run with
      // POST /api/runs; the trigger would start a second one. The function ignores them too (DatasetRunStarter).
      advancedFilters: [
        {
          operatorType: 'StringNotBeginsWith'
          key: 'subject'
          values: [
            '/blobServices/default/containers/datasets/blobs/console/'
          ]
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}
