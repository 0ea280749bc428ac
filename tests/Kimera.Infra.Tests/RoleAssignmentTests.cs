using System.Text.RegularExpressions;

namespace Kimera.Infra.Tests;

/// <summary>
/// Role assignments in the compiled main template. Built-in role ids as published in Microsoft's
/// "Azure built-in roles" reference (the roleDefinitions "name" of each role's JSON):
/// Storage Blob Data Owner b7e6dc6d-f1e8-4753-8033-0f276bb0955b, Storage Queue Data Contributor
/// 974c5e8b-45b9-4653-ba55-5f855dd0fb88, Storage Table Data Contributor 0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3,
/// Monitoring Metrics Publisher 3913510d-42f4-4e42-8a64-420c390055eb, Key Vault Secrets User
/// 4633458b-17de-408a-b874-0445c86b69e6, Storage Blob Data Contributor ba92f5b4-2d11-453d-a403-e96b0029c9fe,
/// Key Vault Secrets Officer b86a8fe4-44ce-4948-aee5-eccb2c155cd7, Cognitive Services OpenAI User 5e0bd9bd-7b93-4f28-af87-19fc36ad61bd.
/// </summary>
[Trait("Category", "Process")]
public sealed partial class RoleAssignmentTests
{
    private const string IdentityPrincipal =
        "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2023-01-31').principalId]";

    private const string StorageScope = "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]";

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", StorageScope)]
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", StorageScope)]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", StorageScope)]
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]")]
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "[resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName'))]")]
    [InlineData("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "[resourceId('Microsoft.CognitiveServices/accounts', parameters('accountName'))]")]
    public async Task App_identity_holds_the_role_on_its_scope(string roleId, string scope)
    {
        var assignments = (await Assignments()).Where(a => a.Principal == IdentityPrincipal && a.RoleId == roleId).ToList();

        var assignment = Assert.Single(assignments);
        Assert.Equal(scope, assignment.Scope);
        Assert.Equal("ServicePrincipal", assignment.PrincipalType);
        Assert.Equal($"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{roleId}')]", assignment.Resource.Properties!["roleDefinitionId"]!.ToString());
    }

    [Fact]
    public async Task App_identity_holds_exactly_the_six_roles_it_needs()
    {
        var roles = (await Assignments()).Where(a => a.Principal == IdentityPrincipal).Select(a => a.RoleId).Order();

        Assert.Equal(
            ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "3913510d-42f4-4e42-8a64-420c390055eb", "4633458b-17de-408a-b874-0445c86b69e6",
             "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"],
            roles);
    }

    [Fact]
    public async Task Deploying_user_gets_blob_and_table_data_access_secret_management_and_openai_use_only_when_given()
    {
        var user = (await Assignments()).Where(a => a.Principal == "[parameters('userPrincipalId')]").ToList();

        Assert.Equal(
            ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
             "ba92f5b4-2d11-453d-a403-e96b0029c9fe"],
            user.Select(a => a.RoleId).Order());
        Assert.All(user, a => Assert.Equal("[not(empty(parameters('userPrincipalId')))]", (string?)a.Resource.Json["condition"]));
        Assert.All(user, a => Assert.Equal("[parameters('userPrincipalType')]", a.PrincipalType));
    }

    [Fact]
    public async Task Assignment_names_are_deterministic_so_redeployment_is_idempotent()
    {
        var assignments = await Assignments();

        Assert.Equal(10, assignments.Count); // 4 + 1 + 1 for the app identity (storage, insights, vault, OpenAI), 4 for the user
        Assert.All(assignments, a => Assert.StartsWith("[guid(", a.Resource.Name, StringComparison.Ordinal));
        Assert.All(assignments, a => Assert.Contains(a.RoleId, a.Resource.Name, StringComparison.Ordinal));
        Assert.Equal(assignments.Count, assignments.Select(a => a.Resource.Name).Distinct().Count());
    }

    private static async Task<List<Assignment>> Assignments()
    {
        var main = await InfraFiles.MainTemplateAsync();
        return main.OfType("Microsoft.Authorization/roleAssignments")
            .Select(r => new Assignment(
                r,
                RoleGuid().Match(r.Properties!["roleDefinitionId"]!.ToString()).Groups[1].Value,
                (string)r.Json["scope"]!,
                r.Properties["principalId"]!.ToString(),
                r.Properties["principalType"]!.ToString()))
            .ToList();
    }

    private sealed record Assignment(ArmResource Resource, string RoleId, string Scope, string Principal, string PrincipalType);

    [GeneratedRegex(@"roleDefinitions', '([0-9a-f-]{36})'\)\]$")]
    private static partial Regex RoleGuid();
}
