using Azure.Data.Tables;
using Kimera.Storage.AzureTables;
using Kimera.TestSupport;
using Kimera.TestSupport.Azurite;

namespace Kimera.Cli.Tests;

[Trait("Category", "Process")]
[Trait("Category", "Azurite")]
public sealed class RunStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Run_with_storage_puts_every_distinct_text_in_the_shared_Table_cache()
    {
        using var dir = new TempDirectory();
        var dataset = RepoPaths.TestData("mixed_quick.csv");

        // In process: the built kimera.dll started on its own cannot load Microsoft.Extensions.Logging from this test folder
        // (the test support's ASP.NET Core framework reference keeps those assemblies out of it).
        var exit = await KimeraApp.RunAsync(
            ["run", dataset, "--judges", "kimera", "--bootstrap", "50", "-o", dir.File("run"), "--storage", azurite.ConnectionString]);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(dir.File("run/pairs.csv")));
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(TableEmbeddingCache.DefaultTableName);
        var entities = await table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]).ToListAsync();
        // mixed_quick.csv: 20 pairs with 35 distinct texts among text1 and text2 (counted with Python's csv module).
        Assert.Equal(35, entities.Count);
        Assert.Single(entities.Select(e => e.PartitionKey.Split('-')[0]).Distinct()); // one model
    }

    [Fact]
    public async Task A_storage_value_that_is_no_connection_is_refused_before_the_run()
    {
        using var dir = new TempDirectory();

        var (exit, output, error) = await KimeraProcess.RunAsync(
            "run", RepoPaths.TestData("mixed_quick.csv"), "-o", dir.File("run"), "--storage", "Not An Account");

        Assert.NotEqual(0, exit);
        Assert.Contains("--storage: Storage 'Not An Account' is neither", output + error, StringComparison.Ordinal);
    }
}
