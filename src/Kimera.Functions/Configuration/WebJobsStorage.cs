using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Kimera.Storage.AzureAccount;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Kimera.Functions.Configuration;

/// <summary>The app's storage account: the <c>AzureWebJobsStorage</c> connection the Functions host itself uses, read the way the host
/// reads it, and the blob and table clients built on it once per process.</summary>
/// <remarks>Either a connection string (<c>AzureWebJobsStorage</c>, <c>UseDevelopmentStorage=true</c> for Azurite) or the identity-based
/// settings <c>AzureWebJobsStorage__accountName</c> or <c>__blobServiceUri</c> and <c>__tableServiceUri</c>, with optional
/// <c>__credential</c> (<c>managedidentity</c>) and <c>__clientId</c>.</remarks>
public sealed class WebJobsStorage
{
    /// <summary>The connection's name: the app setting, and the options name of its <see cref="AzureStorageOptions"/>.</summary>
    public const string ConnectionName = "AzureWebJobsStorage";

    private readonly Lazy<BlobServiceClient> _blobs;
    private readonly Lazy<TableServiceClient> _tables;

    public WebJobsStorage(IOptionsMonitor<AzureStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = AzureStorageConnection.FromOptions(options.Get(ConnectionName));
        _blobs = new Lazy<BlobServiceClient>(() => connection.CreateBlobServiceClient());
        _tables = new Lazy<TableServiceClient>(() => connection.CreateTableServiceClient());
    }

    public BlobServiceClient Blobs => _blobs.Value;

    public TableServiceClient Tables => _tables.Value;

    /// <summary>Fills <paramref name="options"/> from the <c>AzureWebJobsStorage</c> value (a connection string) or, when it has none,
    /// from its identity-based sub-keys (bound case-insensitively: <c>accountName</c> → <see cref="AzureStorageOptions.AccountName"/>).</summary>
    public static void Bind(IConfiguration configuration, AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var section = configuration.GetSection(ConnectionName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            options.ConnectionString = section.Value;
            return;
        }

        section.Bind(options);
    }

    /// <summary>Why <paramref name="options"/> cannot serve the app (it needs blobs and tables), or <c>null</c> when it can.</summary>
    public static string? Problem(AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Hint = "Set AzureWebJobsStorage to a connection string (UseDevelopmentStorage=true for Azurite), or AzureWebJobsStorage__accountName "
            + "(or __blobServiceUri and __tableServiceUri) for an identity-based connection.";
        AzureStorageConnection connection;
        try
        {
            connection = AzureStorageConnection.FromOptions(options);
        }
        catch (ArgumentException ex)
        {
            return $"{ConnectionName}: {ex.Message} {Hint}";
        }

        if (!connection.UsesConnectionString && (connection.BlobServiceUri is null || connection.TableServiceUri is null))
        {
            return $"{ConnectionName}: the identity-based connection has no {(connection.BlobServiceUri is null ? "blob" : "table")} service URI; "
                + $"datasets and runs need blobs and the caches need tables. {Hint}";
        }

        return null;
    }
}
