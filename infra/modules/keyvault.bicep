// Optional Key Vault for the LLM API key. RBAC authorization only (no access policies); the app's
// identity may read secrets, the deploying user may also set them (to add or rotate the key later).

@description('Azure region of the resources.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Name of the secret that holds the LLM API key.')
param llmApiKeySecretName string

@description('The LLM API key; when empty no secret is written (set it later with az keyvault secret set).')
@secure()
param llmApiKey string

@description('Name of the function app\'s user-assigned identity in this resource group.')
param identityName string

@description('Object id of the user or group allowed to manage secrets; empty for none.')
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

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource llmApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(llmApiKey)) {
  parent: vault
  name: llmApiKeySecretName
  properties: {
    value: llmApiKey
    contentType: 'text/plain'
  }
}

// Key Vault Secrets User: the app resolves @Microsoft.KeyVault(...) references with its identity.
resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault Secrets Officer for the deploying user: set or rotate the key.
resource userSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(vault.id, userPrincipalId, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: userPrincipalId
    principalType: userPrincipalType
  }
}

output keyVaultName string = vault.name
output vaultUri string = vault.properties.vaultUri
