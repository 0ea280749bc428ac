using System.Text.RegularExpressions;

namespace Kimera.Infra.Tests;

/// <summary>The storage account, its containers and tables in the compiled main template.</summary>
[Trait("Category", "Process")]
public sealed partial class StorageTemplateTests
{
    [Fact]
    public async Task Account_refuses_shared_keys_public_blobs_and_old_tls()
    {
        var account = (await InfraFiles.MainTemplateAsync()).Single("Microsoft.Storage/storageAccounts");
        var properties = account.Properties!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
    }

    [Fact]
    public async Task Containers_are_datasets_runs_and_the_private_deployment_package()
    {
        var containers = (await InfraFiles.MainTemplateAsync()).OfType("Microsoft.Storage/storageAccounts/blobServices/containers");

        var names = containers.Select(ResolvedLastName).Order().ToList();
        Assert.Equal(["[format('app-package-{0}', take(variables('resourceToken'), 7))]", "datasets", "runs"], names);
        Assert.All(containers, c => Assert.Equal("None", (string?)c.Properties!["publicAccess"]));
    }

    [Fact]
    public async Task Tables_are_embeddings_and_judgements()
    {
        var tables = (await InfraFiles.MainTemplateAsync()).OfType("Microsoft.Storage/storageAccounts/tableServices/tables");

        Assert.Equal(["embeddings", "judgements"], tables.Select(ResolvedLastName).Order());
    }

    /// <summary>
    /// A child resource's own name is the last segment of its format(...) name: a module parameter,
    /// resolved here to the value main.bicep passes in.
    /// </summary>
    private static string ResolvedLastName(ArmResource resource)
    {
        var match = LastParameter().Match(resource.Name);
        Assert.True(match.Success, $"unexpected name expression {resource.Name}");
        return (string)resource.ModuleParameter(match.Groups[1].Value)!;
    }

    [GeneratedRegex(@"parameters\('(\w+)'\)\)\]$")]
    private static partial Regex LastParameter();
}
