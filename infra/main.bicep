// Kimera Bench on Azure: a Flex Consumption function app (.NET 10 isolated, Durable Task fan-out)
// with identity-only storage, Entra-authenticated Application Insights, the Event Grid system topic
// that feeds the dataset blob trigger, and either an optional Key Vault for the LLM API key or an
// optional keyless Azure OpenAI account (deployOpenAi) that the app signs in to with its identity.
// Deployed by `azd up` (azure.yaml) or infra/deploy.sh. The BlobCreated subscription itself is in
// eventgrid.bicep: it needs the blob extension's webhook key, which exists only after the code runs.

targetScope = 'resourceGroup'

@description('Name of the azd environment; seeds the resource names and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region of every resource (must offer Flex Consumption).')
param location string = resourceGroup().location

@description('Memory of each function instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the function app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('OpenAI-compatible endpoint of the LLM judge.')
param llmEndpoint string = 'https://api.openai.com/v1/'

@description('Model of the LLM judge.')
param llmModel string = 'gpt-4o-mini'

@description('Provider request limit per minute, shared by all instances of a run.')
@minValue(1)
param llmRequestsPerMinute int = 500

@description('Provider token limit per minute, shared by all instances of a run.')
@minValue(1)
param llmTokensPerMinute int = 200000

@description('API key of the LLM endpoint (OPENAI_API_KEY). Stored in Key Vault when enableKeyVault is true, otherwise in the app settings.')
@secure()
param llmApiKey string = ''

@description('Keep the LLM API key in a Key Vault and reference it from the app settings (not with deployOpenAi: there is no key).')
param enableKeyVault bool = false

@description('How the LLM judge signs in (Kimera:Llm:Auth): key, azure (the app\'s managed identity), or empty for the app\'s default (azure in Azure when no key is configured). deployOpenAi sets azure.')
@allowed([
  ''
  'key'
  'azure'
])
param llmAuth string = ''

@description('Create a keyless Azure OpenAI account with a model deployment for the LLM judge; the app signs in with its identity and no key is stored. Replaces llmEndpoint, llmModel, the limits and the key.')
param deployOpenAi bool = false

@description('Region of the Azure OpenAI account (must offer the model and SKU).')
param openAiLocation string = location

@description('Model deployed in the Azure OpenAI account (also the deployment\'s name).')
param openAiModelName string = 'gpt-4o-mini'

@description('Version of the deployed model.')
param openAiModelVersion string = '2024-07-18'

@description('SKU of the model deployment.')
@allowed([
  'GlobalStandard'
  'DataZoneStandard'
  'Standard'
])
param openAiDeploymentSku string = 'GlobalStandard'

@description('Capacity of the model deployment in thousands of tokens per minute (requests per minute: 6 per thousand tokens).')
@minValue(1)
param openAiCapacity int = 30

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID); gets data access for uploads. Empty for none.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Daily ingestion cap of the Log Analytics workspace in GB (-1 for none).')
param logDailyCapGb int = 1

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
}
// Names are computed here, not read from module outputs, so What-If can resolve every resource id.
var functionAppName = 'func-kimera-${resourceToken}'
var identityName = 'id-kimera-${resourceToken}'
var storageAccountName = 'stkimera${resourceToken}'
var applicationInsightsName = 'appi-kimera-${resourceToken}'
var llmApiKeySecretName = 'llm-api-key'
var openAiAccountName = 'oai-kimera-${resourceToken}'
// With the Azure OpenAI account there is no key anywhere: no vault, no OPENAI_API_KEY value.
var useKeyVault = enableKeyVault && !deployOpenAi

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-kimera-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    dailyCapGb: logDailyCapGb
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    storageAccountName: storageAccountName
    // The deployment container name is unique per app so that several apps could share an account.
    deploymentContainerName: 'app-package-${take(resourceToken, 7)}'
    datasetsContainerName: 'datasets'
    runsContainerName: 'runs'
    embeddingsTableName: 'embeddings'
    judgementsTableName: 'judgements'
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    identityName: identity.name
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
  dependsOn: [
    storage
    monitoring
  ]
}

module keyVault 'modules/keyvault.bicep' = if (useKeyVault) {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    keyVaultName: 'kv-kimera-${take(resourceToken, 11)}'
    llmApiKeySecretName: llmApiKeySecretName
    llmApiKey: llmApiKey
    identityName: identity.name
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module openAi 'modules/openai.bicep' = if (deployOpenAi) {
  name: 'openai'
  params: {
    location: openAiLocation
    tags: tags
    accountName: openAiAccountName
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    deploymentSku: openAiDeploymentSku
    capacity: openAiCapacity
    identityName: identity.name
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    tags: tags
    planName: 'plan-kimera-${resourceToken}'
    functionAppName: functionAppName
    azdServiceName: 'api'
    identityResourceId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: applicationInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    // The Azure OpenAI account's v1 endpoint and deployment, or the given provider.
    llmEndpoint: deployOpenAi ? 'https://${openAiAccountName}.openai.azure.com/openai/v1/' : llmEndpoint
    llmModel: deployOpenAi ? openAiModelName : llmModel
    llmRequestsPerMinute: deployOpenAi ? openAiCapacity * 6 : llmRequestsPerMinute
    llmTokensPerMinute: deployOpenAi ? openAiCapacity * 1000 : llmTokensPerMinute
    llmAuth: deployOpenAi ? 'azure' : llmAuth
    // With a vault the key goes there only; the app setting then holds a reference, not the key. Keyless: nothing.
    llmApiKey: useKeyVault || deployOpenAi ? '' : llmApiKey
    llmApiKeyVaultUri: useKeyVault ? '${keyVault!.outputs.vaultUri}secrets/${llmApiKeySecretName}' : ''
  }
  // The host must be able to read its package and storage as soon as it starts.
  dependsOn: [
    roles
    monitoring
    openAi
  ]
}

module eventGridTopic 'modules/eventgrid-topic.bicep' = {
  name: 'eventgrid-topic'
  params: {
    location: location
    tags: tags
    systemTopicName: 'evgt-kimera-${resourceToken}'
    storageAccountName: storageAccountName
  }
  dependsOn: [
    storage
  ]
}

// Outputs become azd environment values (read by infra/deploy-eventgrid.sh). None is a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output FUNCTION_APP_NAME string = functionApp.outputs.functionAppName
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output STORAGE_ACCOUNT_NAME string = storage.outputs.storageAccountName
output DATASETS_CONTAINER string = storage.outputs.datasetsContainerName
output RUNS_CONTAINER string = storage.outputs.runsContainerName
output EVENTGRID_SYSTEM_TOPIC_NAME string = eventGridTopic.outputs.systemTopicName
output FUNCTION_IDENTITY_CLIENT_ID string = identity.properties.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output KEY_VAULT_NAME string = useKeyVault ? keyVault!.outputs.keyVaultName : ''
output AZURE_OPENAI_ENDPOINT string = deployOpenAi ? 'https://${openAiAccountName}.openai.azure.com/openai/v1/' : ''
