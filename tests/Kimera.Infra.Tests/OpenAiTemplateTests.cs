using System.Text.Json.Nodes;
using Kimera.TestSupport;

namespace Kimera.Infra.Tests;

/// <summary>The optional keyless Azure OpenAI account (<c>deployOpenAi</c>): an OpenAI account with local auth off and one
/// model deployment, Cognitive Services OpenAI User (5e0bd9bd-7b93-4f28-af87-19fc36ad61bd) for the app's identity, and the
/// app settings pointing the judge at it with <c>Kimera__Llm__Auth</c> <c>azure</c> and no key anywhere. A compiled ARM
/// template holds both ways as conditions; <see cref="Chosen"/> evaluates the parameter's <c>if(...)</c> for on and off.</summary>
[Trait("Category", "Process")]
public sealed class OpenAiTemplateTests
{
    private const string RoleId = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";

    [Fact]
    public async Task The_account_is_openai_keyless_with_a_parameterised_model_deployment_only_when_deployOpenAi()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var module = main.OfType("Microsoft.Resources/deployments").Single(d => d.Name == "openai");
        var account = main.Single("Microsoft.CognitiveServices/accounts");
        var deployment = main.Single("Microsoft.CognitiveServices/accounts/deployments");

        Assert.Equal("[parameters('deployOpenAi')]", (string?)module.Json["condition"]);
        Assert.False((bool)main.Parameters["deployOpenAi"]!["defaultValue"]!);
        Assert.Equal("openai", account.Module);
        Assert.Equal("OpenAI", (string?)account.Json["kind"]);
        Assert.Equal("S0", (string?)account.Json["sku"]!["name"]);
        Assert.True((bool)account.Properties!["disableLocalAuth"]!);
        Assert.Equal("[parameters('accountName')]", (string?)account.Properties["customSubDomainName"]);
        Assert.Equal("[variables('openAiAccountName')]", (string?)Passed(module, "accountName"));
        Assert.Equal("[format('oai-kimera-{0}', variables('resourceToken'))]", (string?)main.Root["variables"]!["openAiAccountName"]);
        Assert.Equal("OpenAI", (string?)deployment.Properties!["model"]!["format"]);
        Assert.Equal("[parameters('modelName')]", (string?)deployment.Properties["model"]!["name"]);
        Assert.Equal("[parameters('modelVersion')]", (string?)deployment.Properties["model"]!["version"]);
        Assert.Equal("[parameters('deploymentSku')]", (string?)deployment.Json["sku"]!["name"]);
        Assert.Equal("[parameters('capacity')]", (string?)deployment.Json["sku"]!["capacity"]);
        Assert.Equal("[parameters('openAiModelName')]", (string?)Passed(module, "modelName"));
        Assert.Equal("[parameters('openAiModelVersion')]", (string?)Passed(module, "modelVersion"));
        Assert.Equal("[parameters('openAiDeploymentSku')]", (string?)Passed(module, "deploymentSku"));
        Assert.Equal("[parameters('openAiCapacity')]", (string?)Passed(module, "capacity"));
        Assert.Equal("gpt-4o-mini", (string?)main.Parameters["openAiModelName"]!["defaultValue"]);
        Assert.Equal("2024-07-18", (string?)main.Parameters["openAiModelVersion"]!["defaultValue"]);
        Assert.Equal("GlobalStandard", (string?)main.Parameters["openAiDeploymentSku"]!["defaultValue"]);
        Assert.Equal(30, (int)main.Parameters["openAiCapacity"]!["defaultValue"]!);
    }

    [Fact]
    public async Task The_apps_identity_gets_cognitive_services_openai_user_on_the_account()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var app = main.OfType("Microsoft.Authorization/roleAssignments")
            .Single(r => r.Module == "openai" && r.Properties!["principalType"]!.ToString() == "ServicePrincipal");

        Assert.Equal($"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{RoleId}')]", app.Properties!["roleDefinitionId"]!.ToString());
        Assert.Equal("[resourceId('Microsoft.CognitiveServices/accounts', parameters('accountName'))]", (string?)app.Json["scope"]);
        Assert.Equal(
            "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName')), '2023-01-31').principalId]",
            app.Properties["principalId"]!.ToString());
        Assert.Null(app.Json["condition"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task App_settings_point_at_the_account_with_azure_auth_and_no_key_when_on_and_keep_the_key_path_when_off(bool deployOpenAi)
    {
        var main = await InfraFiles.MainTemplateAsync();
        var app = main.OfType("Microsoft.Resources/deployments").Single(d => d.Name == "functionapp");
        string Parameter(string name) => Chosen(Passed(app, name)!, deployOpenAi);

        var settings = FunctionAppTemplateTests.AppSettings(main.Single("Microsoft.Web/sites"));
        Assert.Equal(
            "[if(or(variables('useKeyVault'), parameters('deployOpenAi')), createObject('value', ''), createObject('value', parameters('llmApiKey')))]",
            (string?)Passed(app, "llmApiKey"));
        Assert.Equal("[parameters('llmAuth')]", settings["Kimera__Llm__Auth"]);
        Assert.Equal("[parameters('identityClientId')]", settings["Kimera__Llm__ManagedIdentityClientId"]);
        if (deployOpenAi)
        {
            Assert.Equal("format('https://{0}.openai.azure.com/openai/v1/', variables('openAiAccountName'))", Parameter("llmEndpoint"));
            Assert.Equal("parameters('openAiModelName')", Parameter("llmModel"));
            Assert.Equal("'azure'", Parameter("llmAuth"));
            Assert.Equal("mul(parameters('openAiCapacity'), 6)", Parameter("llmRequestsPerMinute"));
            Assert.Equal("mul(parameters('openAiCapacity'), 1000)", Parameter("llmTokensPerMinute"));
            Assert.Equal("''", Parameter("llmApiKey"));
        }
        else
        {
            Assert.Equal("parameters('llmEndpoint')", Parameter("llmEndpoint"));
            Assert.Equal("parameters('llmModel')", Parameter("llmModel"));
            Assert.Equal("parameters('llmAuth')", Parameter("llmAuth"));
            Assert.Equal("parameters('llmRequestsPerMinute')", Parameter("llmRequestsPerMinute"));
            Assert.Equal("parameters('llmTokensPerMinute')", Parameter("llmTokensPerMinute"));
            // Off, the key is passed as today: directly, or (with the vault) only as the Key Vault reference.
            Assert.Equal(
                "[if(variables('useKeyVault'), createObject('value', format('{0}secrets/{1}', reference(resourceId('Microsoft.Resources/deployments', 'keyvault'), '2025-04-01').outputs.vaultUri.value, variables('llmApiKeySecretName'))), createObject('value', ''))]",
                (string?)Passed(app, "llmApiKeyVaultUri"));
        }

        // The vault (the only place a key is stored) exists only without the account.
        Assert.Equal("[and(parameters('enableKeyVault'), not(parameters('deployOpenAi')))]", (string?)main.Root["variables"]!["useKeyVault"]);
        Assert.Equal("[variables('useKeyVault')]", (string?)main.OfType("Microsoft.Resources/deployments").Single(d => d.Name == "keyvault").Json["condition"]);
        Assert.Equal(
            "[if(parameters('deployOpenAi'), format('https://{0}.openai.azure.com/openai/v1/', variables('openAiAccountName')), '')]",
            (string?)main.Root["outputs"]!["AZURE_OPENAI_ENDPOINT"]!["value"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Main_builds_and_lints_clean_with_deployOpenAi_on_and_off(bool deployOpenAi)
    {
        // A copy of infra/ whose parameter file sets deployOpenAi (and, on, the vault too: it must then be left out):
        // bicep build-params type-checks the values against main.bicep, build and lint must print nothing.
        using var folder = new TempDirectory();
        CopyDirectory(InfraFiles.InfraDirectory, folder.Path);
        var value = deployOpenAi ? "true" : "false";
        await File.WriteAllTextAsync(
            folder.File("openai.bicepparam"),
            $"using 'main.bicep'\n\nparam environmentName = 'test'\nparam deployOpenAi = {value}\nparam enableKeyVault = true\nparam principalId = ''\n");

        var parameters = await BicepCli.RunAsync(folder.Path, "build-params", "openai.bicepparam", "--outfile", folder.File("openai.parameters.json"));
        var build = await BicepCli.RunAsync(folder.Path, "build", "main.bicep", "--outfile", folder.File("main.json"));
        var lint = await BicepCli.RunAsync(folder.Path, "lint", "main.bicep");

        Assert.Equal(0, parameters.ExitCode);
        Assert.Equal("", (parameters.StandardOutput + parameters.StandardError).Trim());
        var written = JsonNode.Parse(await File.ReadAllTextAsync(folder.File("openai.parameters.json")))!;
        Assert.Equal(deployOpenAi, (bool)written["parameters"]!["deployOpenAi"]!["value"]!);
        Assert.Equal(0, build.ExitCode);
        Assert.Equal("", build.StandardError.Trim());
        Assert.Equal(0, lint.ExitCode);
        Assert.Equal("", (lint.StandardOutput + lint.StandardError).Trim());
    }

    /// <summary>The branch of a module parameter's <c>[if(parameters('deployOpenAi'), createObject('value', ON), createObject('value', OFF))]</c>
    /// that a deployment with <paramref name="deployOpenAi"/> takes; a value with no such condition is the same both ways.</summary>
    private static string Chosen(string expression, bool deployOpenAi)
    {
        if (!expression.StartsWith("[if(", StringComparison.Ordinal))
        {
            return expression.TrimStart('[').TrimEnd(']');
        }

        var arguments = SplitArguments(expression["[if(".Length..^2]);
        var branch = deployOpenAi ? arguments[1] : arguments[2];
        const string wrapper = "createObject('value', ";
        return branch.StartsWith(wrapper, StringComparison.Ordinal) ? branch[wrapper.Length..^1] : branch;
    }

    /// <summary>What the deployment <paramref name="module"/> passes for its parameter <paramref name="name"/>: the entry's value, or
    /// the whole expression when bicep computes the entry.</summary>
    private static string? Passed(ArmResource module, string name) =>
        module.Properties!["parameters"]![name] is JsonObject entry ? (string?)entry["value"] : (string?)module.Properties["parameters"]![name];

    private static List<string> SplitArguments(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var inString = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                inString = !inString;
            }
            else if (!inString && c == '(')
            {
                depth++;
            }
            else if (!inString && c == ')')
            {
                depth--;
            }
            else if (!inString && depth == 0 && c == ',')
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(text[start..].Trim());
        return parts;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
