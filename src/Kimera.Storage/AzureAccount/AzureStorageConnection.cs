using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace Kimera.Storage.AzureAccount;

/// <summary>A storage account to connect to, by connection string or by identity, and the clients built for it.</summary>
/// <remarks>Identity-based: <c>DefaultAzureCredential</c> (managed identity in Azure, the developer's <c>az login</c> locally), or only a
/// managed identity when <see cref="AzureStorageOptions.Credential"/> is <c>managedidentity</c>; a client id picks a user-assigned identity.</remarks>
public sealed partial class AzureStorageConnection
{
    private AzureStorageConnection(string? connectionString, Uri? blob, Uri? table, Uri? queue, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        TableServiceUri = table;
        QueueServiceUri = queue;
        Credential = credential;
    }

    /// <summary>The connection string, when connecting with one.</summary>
    public string? ConnectionString { get; }

    /// <summary>The blob service endpoint for an identity-based connection (<c>null</c> with a connection string).</summary>
    public Uri? BlobServiceUri { get; }

    public Uri? TableServiceUri { get; }

    public Uri? QueueServiceUri { get; }

    /// <summary>The credential of an identity-based connection (<c>null</c> with a connection string).</summary>
    public TokenCredential? Credential { get; }

    /// <summary>True when connecting with a connection string.</summary>
    public bool UsesConnectionString => ConnectionString is not null;

    /// <summary>Builds a connection from options; throws <see cref="ArgumentException"/> naming what is missing or malformed.</summary>
    public static AzureStorageConnection FromOptions(AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new AzureStorageConnection(options.ConnectionString.Trim(), null, null, null, null);
        }

        if (options.AccountName is { } account && !AccountNamePattern().IsMatch(account))
        {
            throw new ArgumentException($"Storage account name '{account}' is not valid: 3 to 24 lowercase letters and digits.", nameof(options));
        }

        Uri? Service(Uri? explicitUri, string kind, string setting)
        {
            if (explicitUri is not null)
            {
                if (!explicitUri.IsAbsoluteUri || (explicitUri.Scheme != Uri.UriSchemeHttps && explicitUri.Scheme != Uri.UriSchemeHttp))
                {
                    throw new ArgumentException($"{setting} '{explicitUri}' must be an absolute http(s) URI.", nameof(options));
                }

                return explicitUri;
            }

            return options.AccountName is { } name ? new Uri($"https://{name}.{kind}.core.windows.net") : null;
        }

        var blob = Service(options.BlobServiceUri, "blob", "BlobServiceUri");
        var table = Service(options.TableServiceUri, "table", "TableServiceUri");
        var queue = Service(options.QueueServiceUri, "queue", "QueueServiceUri");
        if (blob is null && table is null && queue is null)
        {
            throw new ArgumentException(
                "Storage connection has neither a connection string, an account name nor a service URI.", nameof(options));
        }

        return new AzureStorageConnection(null, blob, table, queue, CreateCredential(options));
    }

    /// <summary>Parses the <c>--storage</c> / <c>KIMERA_STORAGE</c> value: a connection string (holds '='), a storage account name
    /// (identity-based, <c>DefaultAzureCredential</c>), or a table service URI (identity-based, tables only).</summary>
    public static AzureStorageConnection Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        value = value.Trim();
        if (value.Contains('=', StringComparison.Ordinal))
        {
            return FromOptions(new AzureStorageOptions { ConnectionString = value });
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return FromOptions(new AzureStorageOptions { TableServiceUri = uri });
        }

        if (AccountNamePattern().IsMatch(value))
        {
            return FromOptions(new AzureStorageOptions { AccountName = value });
        }

        throw new ArgumentException(
            $"Storage '{value}' is neither a connection string (key=value;...), an https table service URI nor a storage account name (3-24 lowercase letters and digits).",
            nameof(value));
    }

    /// <summary>Like <see cref="Parse"/>, returning the reason instead of throwing.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out AzureStorageConnection? connection, [NotNullWhen(false)] out string? error)
    {
        try
        {
            connection = Parse(value);
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            connection = null;
            error = ex.Message;
            return false;
        }
    }

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null)
    {
        if (ConnectionString is not null)
        {
            return new BlobServiceClient(ConnectionString, options);
        }

        return new BlobServiceClient(BlobServiceUri ?? throw Missing("blob"), Credential, options);
    }

    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null)
    {
        if (ConnectionString is not null)
        {
            return new TableServiceClient(ConnectionString, options);
        }

        return new TableServiceClient(TableServiceUri ?? throw Missing("table"), Credential, options);
    }

    private static InvalidOperationException Missing(string kind) =>
        new($"This storage connection has no {kind} service URI: set the account name or the {kind} service URI.");

    private static TokenCredential CreateCredential(AzureStorageOptions options)
    {
        var clientId = string.IsNullOrWhiteSpace(options.ClientId) ? null : options.ClientId.Trim();
        if (string.Equals(options.Credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return clientId is null
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    [GeneratedRegex("^[a-z0-9]{3,24}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountNamePattern();
}
