namespace Kimera.Storage.AzureAccount;

/// <summary>How to reach a storage account: a connection string, or identity-based settings.</summary>
/// <remarks>Property names follow the Azure Functions identity-based connection settings
/// (<c>Storage__accountName</c>, <c>Storage__blobServiceUri</c>, <c>Storage__tableServiceUri</c>, <c>Storage__queueServiceUri</c>,
/// <c>Storage__credential</c>, <c>Storage__clientId</c>), so a configuration section binds to it as is.</remarks>
public sealed class AzureStorageOptions
{
    /// <summary>A full connection string (Azurite, <c>UseDevelopmentStorage=true</c>, or an account key / SAS). Wins over everything else.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account name; the service URIs default to <c>https://{name}.{blob|table|queue}.core.windows.net</c>.</summary>
    public string? AccountName { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary><c>managedidentity</c> for a managed identity only; anything else (or nothing) uses <c>DefaultAzureCredential</c>.</summary>
    public string? Credential { get; set; }

    /// <summary>Client id of a user-assigned managed identity.</summary>
    public string? ClientId { get; set; }
}
