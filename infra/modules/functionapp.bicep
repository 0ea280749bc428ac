// Flex Consumption plan and the .NET 10 isolated function app. The app runs as the user-assigned
// identity: it reads its deployment package, reaches storage (AzureWebJobsStorage__* identity-based
// settings, no keys), sends telemetry with an Entra ID token, resolves Key Vault references with it and,
// with Kimera:Llm:Auth azure, signs in to Azure OpenAI with it.

@description('Azure region of the resources.')
param location string

@description('Tags applied to every resource; the app also gets azd-service-name.')
param tags object

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (also its host name prefix).')
param functionAppName string

@description('The azd service this app hosts (azure.yaml services key).')
param azdServiceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityResourceId string

@description('Client id of the user-assigned identity (for AzureWebJobsStorage__clientId and App Insights).')
param identityClientId string

@description('Name of the storage account of AzureWebJobsStorage and the Kimera stores.')
param storageAccountName string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Memory of each instance in MB (Flex Consumption sizes).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Chunks one instance runs at once: host.json extensions.durableTask.maxConcurrentActivityFunctions (kept equal by tests/Kimera.Infra.Tests).')
var chunksInFlightPerInstance = 4

@description('Minutes a chunk may take on its share of the LLM rate limit: half of host.json functionTimeout (30 minutes).')
var chunkMinutes = 15

@description('Pairs per chunk when a run does not say (RunSpec.DefaultChunkSize).')
var defaultChunkSize = 500

@description('OpenAI-compatible endpoint of the LLM judge (Kimera:Llm:Endpoint).')
param llmEndpoint string

@description('Model of the LLM judge (Kimera:Llm:Model).')
param llmModel string

@description('Provider request limit per minute shared by the whole run (Kimera:Llm:RequestsPerMinute).')
param llmRequestsPerMinute int

@description('Provider token limit per minute shared by the whole run (Kimera:Llm:TokensPerMinute).')
param llmTokensPerMinute int

@description('How the LLM judge signs in (Kimera:Llm:Auth): key, azure, or empty for the app\'s default.')
@allowed([
  ''
  'key'
  'azure'
])
param llmAuth string

@description('LLM API key used directly when no Key Vault reference is given.')
@secure()
param llmApiKey string

@description('Versionless Key Vault secret URI of the LLM API key; empty to use llmApiKey instead.')
param llmApiKeyVaultUri string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityResourceId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // Identity-based host storage: no account key anywhere.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: 'https://${storage.name}.blob.${environment().suffixes.storage}'
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: 'https://${storage.name}.queue.${environment().suffixes.storage}'
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: 'https://${storage.name}.table.${environment().suffixes.storage}'
        }
        // The connection string only names the component; with local auth disabled, ingestion
        // needs the Entra ID token that the authentication string asks for.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // Runs in the logs: a run's status links to the Logs of this component, on the query for its run id.
        {
          name: 'Kimera__Console__ApplicationInsightsResourceId'
          value: applicationInsights.id
        }
        // A run's window (chunks in flight): enough to fill every instance the app may scale out to (maximumInstanceCount
        // times the chunks one instance runs at once), but no wider than lets a chunk of the default size finish its LLM
        // pairs on its share of the rate limit (requests per minute / window) within half the 30-minute function timeout;
        // at most RunSpec's bound of 1,024. The default (the cores of the instance that takes the request) would keep one or
        // two chunks in flight, and the scale controller would see no queue to scale on (docs/architecture.md#scale-out).
        {
          name: 'Kimera__Run__Parallelism'
          value: string(max(1, min(maximumInstanceCount * chunksInFlightPerInstance, llmRequestsPerMinute * chunkMinutes / defaultChunkSize, 1024)))
        }
        {
          name: 'Kimera__Llm__Endpoint'
          value: llmEndpoint
        }
        {
          name: 'Kimera__Llm__Model'
          value: llmModel
        }
        {
          name: 'Kimera__Llm__RequestsPerMinute'
          value: string(llmRequestsPerMinute)
        }
        {
          name: 'Kimera__Llm__TokensPerMinute'
          value: string(llmTokensPerMinute)
        }
        // azure: the judge signs in as the user-assigned identity (the app has no system-assigned one).
        {
          name: 'Kimera__Llm__Auth'
          value: llmAuth
        }
        {
          name: 'Kimera__Llm__ManagedIdentityClientId'
          value: identityClientId
        }
        {
          name: 'OPENAI_API_KEY'
          value: empty(llmApiKeyVaultUri) ? llmApiKey : '@Microsoft.KeyVault(SecretUri=${llmApiKeyVaultUri})'
        }
      ]
    }
  }
}

// No publishing with user names and passwords: deployments authenticate with Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output functionAppName string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
