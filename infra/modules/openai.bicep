// Optional Azure OpenAI account for the LLM judge, keyless: local (key) authentication is off, so the
// app signs in with its user-assigned identity (Kimera:Llm:Auth azure) and no key exists to store.
// One model deployment, named after its model; the app's identity gets Cognitive Services OpenAI User
// on the account, and so does the optional deploying user (kimera run --llm-auth azure after az login).

@description('Azure region of the account (the model and SKU must be offered there).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the account; also its custom subdomain (https://NAME.openai.azure.com/).')
@minLength(2)
@maxLength(64)
param accountName string

@description('Model to deploy, e.g. gpt-4o-mini; the deployment has the same name (the judge\'s Kimera:Llm:Model).')
param modelName string

@description('Version of the model, e.g. 2024-07-18.')
param modelVersion string

@description('Deployment SKU: GlobalStandard, Standard, DataZoneStandard...')
param deploymentSku string

@description('Capacity of the deployment in thousands of tokens per minute.')
@minValue(1)
param capacity int

@description('Name of the function app\'s user-assigned identity in this resource group.')
param identityName string

@description('Object id of the user or group also allowed to call the model; empty for none.')
param userPrincipalId string

@description('Type of userPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param userPrincipalType string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: accountName
    // Entra ID only: no API key can be listed or used.
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: modelName
  sku: {
    name: deploymentSku
    capacity: capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: modelName
      version: modelVersion
    }
  }
}

// Cognitive Services OpenAI User: chat completions with an Entra ID token, nothing else.
resource appOpenAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identity.id, '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The same role for the deploying user: run the judge from the command line with az login.
resource userOpenAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(account.id, userPrincipalId, '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

output accountName string = account.name
output deploymentName string = deployment.name
