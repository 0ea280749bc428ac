using System.Text;
using Azure.Identity;
using Kimera.Storage.AzureAccount;
using Kimera.TestSupport.Azurite;

namespace Kimera.Storage.Tests;

[Trait("Category", "Azurite")]
public sealed class AzureStorageConnectionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_connection_string_reaches_the_blob_and_table_services_of_Azurite()
    {
        var connection = AzureStorageConnection.Parse(azurite.ConnectionString);
        var name = AzuriteFixture.UniqueName("conn");

        var container = connection.CreateBlobServiceClient().GetBlobContainerClient(name);
        await container.CreateAsync();
        await container.UploadBlobAsync("x.txt", new BinaryData(Encoding.UTF8.GetBytes("hi")));
        var table = connection.CreateTableServiceClient().GetTableClient(name);
        await table.CreateAsync();
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("p", "r") { ["V"] = 7 });

        Assert.True(connection.UsesConnectionString);
        Assert.Equal($"http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1/{name}", container.Uri.AbsoluteUri);
        Assert.Equal("hi", (await container.GetBlobClient("x.txt").DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal(7, (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>("p", "r")).Value.GetInt32("V"));
    }

    [Fact]
    public void An_account_name_builds_identity_clients_on_the_public_cloud_endpoints()
    {
        var connection = AzureStorageConnection.Parse("kimerabench01");

        Assert.False(connection.UsesConnectionString);
        Assert.IsType<DefaultAzureCredential>(connection.Credential);
        Assert.Equal(new Uri("https://kimerabench01.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.Equal(new Uri("https://kimerabench01.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://kimerabench01.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Equal("kimerabench01", connection.CreateBlobServiceClient().AccountName);
        Assert.Equal("kimerabench01", connection.CreateTableServiceClient().AccountName);
        Assert.Equal("https://kimerabench01.blob.core.windows.net/", connection.CreateBlobServiceClient().Uri.AbsoluteUri);
    }

    [Fact]
    public void Explicit_service_uris_and_a_managed_identity_client_id_are_used_as_given()
    {
        var connection = AzureStorageConnection.FromOptions(new AzureStorageOptions
        {
            AccountName = "ignoredforblob",
            BlobServiceUri = new Uri("https://blobs.example.net"),
            TableServiceUri = new Uri("https://tables.example.net"),
            Credential = "managedidentity",
            ClientId = "00000000-0000-0000-0000-000000000001",
        });

        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        Assert.Equal("https://blobs.example.net/", connection.CreateBlobServiceClient().Uri.AbsoluteUri);
        Assert.Equal("https://tables.example.net/", connection.CreateTableServiceClient().Uri.AbsoluteUri);
        Assert.Equal(new Uri("https://ignoredforblob.queue.core.windows.net"), connection.QueueServiceUri);
    }

    [Fact]
    public void A_table_service_uri_alone_gives_tables_and_no_blobs()
    {
        var connection = AzureStorageConnection.Parse("https://acct.table.core.windows.net/");

        Assert.Equal("https://acct.table.core.windows.net/", connection.CreateTableServiceClient().Uri.AbsoluteUri);
        var error = Assert.Throws<InvalidOperationException>(() => connection.CreateBlobServiceClient());
        Assert.Contains("blob", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_development_storage_shortcut_is_a_connection_string()
    {
        var connection = AzureStorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.True(connection.UsesConnectionString);
        // The SDK maps the shortcut to Azurite's default ports (10000 blob, 10002 table).
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", connection.CreateBlobServiceClient().Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", connection.CreateTableServiceClient().Uri.AbsoluteUri.TrimEnd('/'));
    }

    [Theory]
    [InlineData("Not An Account")]
    [InlineData("ab")]
    [InlineData("ftp://files.example.net")]
    public void A_value_that_is_none_of_the_forms_is_refused_with_it_in_the_message(string value)
    {
        Assert.False(AzureStorageConnection.TryParse(value, out var connection, out var error));
        Assert.Null(connection);
        Assert.Contains(value, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_with_nothing_set_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => AzureStorageConnection.FromOptions(new AzureStorageOptions()));
        Assert.Contains("neither a connection string", error.Message, StringComparison.Ordinal);
    }
}
