using System.Text.Json.Nodes;

namespace Kimera.Infra.Tests;

/// <summary>The Flex Consumption plan and the function app in the compiled main template.</summary>
[Trait("Category", "Process")]
public sealed class FunctionAppTemplateTests
{
    [Fact]
    public async Task Plan_is_flex_consumption_on_linux()
    {
        var plan = (await InfraFiles.MainTemplateAsync()).Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan.Json["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan.Json["sku"]!["tier"]);
        Assert.True((bool)plan.Properties!["reserved"]!); // reserved = Linux
    }

    [Fact]
    public async Task App_runs_dotnet_isolated_10_from_a_blob_container_read_with_the_user_assigned_identity()
    {
        var app = (await InfraFiles.MainTemplateAsync()).Single("Microsoft.Web/sites");
        var config = app.Properties!["functionAppConfig"]!;

        Assert.Equal("functionapp,linux", (string?)app.Json["kind"]);
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        var storage = config["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Contains("parameters('deploymentContainerName')", (string?)storage["value"], StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal("[parameters('identityResourceId')]", (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal("UserAssigned", (string?)app.Json["identity"]!["type"]);
        Assert.Equal("[parameters('identityResourceId')]", (string?)app.Properties["keyVaultReferenceIdentity"]);
        Assert.True((bool)app.Properties["httpsOnly"]!);
        Assert.Equal(
            "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('identityName'))]",
            (string?)app.ModuleParameter("identityResourceId"));
    }

    [Fact]
    public async Task Instance_memory_and_maximum_instances_are_parameters_defaulting_to_2048_and_40()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var app = main.Single("Microsoft.Web/sites");
        var scale = app.Properties!["functionAppConfig"]!["scaleAndConcurrency"]!;

        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)scale["instanceMemoryMB"]);
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)scale["maximumInstanceCount"]);
        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)app.ModuleParameter("instanceMemoryMB"));
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)app.ModuleParameter("maximumInstanceCount"));
        Assert.Equal(2048, (int)main.Parameters["instanceMemoryMB"]!["defaultValue"]!);
        Assert.Equal([512, 2048, 4096], main.Parameters["instanceMemoryMB"]!["allowedValues"]!.AsArray().Select(v => (int)v!));
        Assert.Equal(40, (int)main.Parameters["maximumInstanceCount"]!["defaultValue"]!);
        Assert.Equal(1000, (int)main.Parameters["maximumInstanceCount"]!["maxValue"]!);
    }

    [Fact]
    public async Task App_is_tagged_for_azd_as_service_api_of_the_environment()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var app = main.Single("Microsoft.Web/sites");

        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', parameters('azdServiceName')))]", (string?)app.Json["tags"]);
        Assert.Equal("api", (string?)app.ModuleParameter("azdServiceName"));
        Assert.Equal("[variables('tags')]", (string?)app.ModuleParameter("tags"));
        Assert.Equal("[parameters('environmentName')]", (string?)main.Root["variables"]!["tags"]!["azd-env-name"]);
    }

    [Fact]
    public async Task Host_storage_is_identity_based_with_the_user_assigned_client_id()
    {
        var app = (await InfraFiles.MainTemplateAsync()).Single("Microsoft.Web/sites");
        var settings = AppSettings(app);

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('storageAccountName')]", settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[format('https://{0}.blob.{1}', parameters('storageAccountName'), environment().suffixes.storage)]", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal("[format('https://{0}.queue.{1}', parameters('storageAccountName'), environment().suffixes.storage)]", settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Equal("[format('https://{0}.table.{1}', parameters('storageAccountName'), environment().suffixes.storage)]", settings["AzureWebJobsStorage__tableServiceUri"]);
        Assert.Equal(
            "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('identityName')), '2023-01-31').clientId]",
            (string?)app.ModuleParameter("identityClientId"));
        // A plain AzureWebJobsStorage setting would be a connection string; Flex sets the runtime itself.
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
    }

    [Fact]
    public async Task Telemetry_authenticates_with_entra_id_as_the_user_assigned_identity()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var settings = AppSettings(main.Single("Microsoft.Web/sites"));
        var insights = main.Single("Microsoft.Insights/components");

        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("[reference(resourceId('Microsoft.Insights/components', parameters('applicationInsightsName')), '2020-02-02').ConnectionString]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.True((bool)insights.Properties!["DisableLocalAuth"]!);
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string?)insights.Properties["WorkspaceResourceId"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runs_window_fills_every_instance_the_app_may_scale_out_to()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var settings = AppSettings(main.Single("Microsoft.Web/sites"));
        var hostJson = JsonNode.Parse(InfraFiles.ReadText("host.json"))!;

        var variables = main.ModuleTemplate("functionapp")["variables"]!;

        // Kimera:Run:Parallelism (chunks in flight per run) = maximumInstanceCount x chunks per instance, capped so a chunk's
        // share of the LLM limit judges a default chunk within chunkMinutes, and by RunSpec's bound; at least 1.
        Assert.Equal(
            "[string(max(1, min(mul(parameters('maximumInstanceCount'), variables('chunksInFlightPerInstance')), div(mul(parameters('llmRequestsPerMinute'), variables('chunkMinutes')), variables('defaultChunkSize')), 1024)))]",
            settings["Kimera__Run__Parallelism"]);
        // Chunks per instance is what host.json lets one instance run at once.
        Assert.Equal((int)hostJson["extensions"]!["durableTask"]!["maxConcurrentActivityFunctions"]!, (int)variables["chunksInFlightPerInstance"]!);
        Assert.Equal(4, (int)variables["chunksInFlightPerInstance"]!);
        // Half of host.json's function timeout (00:30:00), and RunSpec's default chunk size.
        Assert.Equal(TimeSpan.Parse((string)hostJson["functionTimeout"]!, System.Globalization.CultureInfo.InvariantCulture).TotalMinutes / 2, (int)variables["chunkMinutes"]!);
        Assert.Equal(500, (int)variables["defaultChunkSize"]!);
        // With the defaults (40 instances, 500 requests/min): min(160, 500 x 15 / 500 = 15) = 15 chunks in flight; with 10,000
        // requests/min the instances are the limit: min(160, 300) = 160.
        Assert.Equal(40, (int)main.Parameters["maximumInstanceCount"]!["defaultValue"]!);
        Assert.Equal(500, (int)main.Parameters["llmRequestsPerMinute"]!["defaultValue"]!);
    }

    [Fact]
    public async Task A_runs_logs_link_names_the_application_insights_component_of_the_deployment()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var settings = AppSettings(main.Single("Microsoft.Web/sites"));

        // Kimera:Console:ApplicationInsightsResourceId (RunLogsOptions) is the ARM id of the component the connection string names.
        Assert.Equal("[resourceId('Microsoft.Insights/components', parameters('applicationInsightsName'))]", settings["Kimera__Console__ApplicationInsightsResourceId"]);
    }

    [Fact]
    public async Task Llm_settings_use_the_kimera_section_and_the_key_comes_from_key_vault_when_enabled()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var app = main.Single("Microsoft.Web/sites");
        var settings = AppSettings(app);

        Assert.Equal("[parameters('llmEndpoint')]", settings["Kimera__Llm__Endpoint"]);
        Assert.Equal("[parameters('llmModel')]", settings["Kimera__Llm__Model"]);
        Assert.Equal("[string(parameters('llmRequestsPerMinute'))]", settings["Kimera__Llm__RequestsPerMinute"]);
        Assert.Equal("[string(parameters('llmTokensPerMinute'))]", settings["Kimera__Llm__TokensPerMinute"]);
        Assert.Equal(
            "[if(empty(parameters('llmApiKeyVaultUri')), parameters('llmApiKey'), format('@Microsoft.KeyVault(SecretUri={0})', parameters('llmApiKeyVaultUri')))]",
            settings["OPENAI_API_KEY"]);
        // With a vault the key is not passed to the app at all, only the versionless secret URI.
        Assert.Equal(
            "[if(or(variables('useKeyVault'), parameters('deployOpenAi')), createObject('value', ''), createObject('value', parameters('llmApiKey')))]",
            (string?)app.ModuleParameter("llmApiKey"));
        Assert.Equal(
            "[if(variables('useKeyVault'), createObject('value', format('{0}secrets/{1}', reference(resourceId('Microsoft.Resources/deployments', 'keyvault'), '2025-04-01').outputs.vaultUri.value, variables('llmApiKeySecretName'))), createObject('value', ''))]",
            (string?)app.ModuleParameter("llmApiKeyVaultUri"));
        Assert.Equal("gpt-4o-mini", (string?)main.Parameters["llmModel"]!["defaultValue"]);
        Assert.False((bool)main.Parameters["enableKeyVault"]!["defaultValue"]!);
        Assert.Equal("[variables('useKeyVault')]", (string?)main.OfType("Microsoft.Resources/deployments").Single(d => d.Name == "keyvault").Json["condition"]);
        Assert.Equal("[and(parameters('enableKeyVault'), not(parameters('deployOpenAi')))]", (string?)main.Root["variables"]!["useKeyVault"]);
    }

    [Fact]
    public async Task Basic_publishing_credentials_are_disabled()
    {
        var policies = (await InfraFiles.MainTemplateAsync()).OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(["ftp", "scm"], policies.Select(p => p.Name.Split('\'')[^2]).Order());
        Assert.All(policies, p => Assert.False((bool)p.Properties!["allow"]!));
    }

    internal static Dictionary<string, string> AppSettings(ArmResource app) =>
        app.Properties!["siteConfig"]!["appSettings"]!.AsArray()
            .Select(s => s!.AsObject())
            .ToDictionary(s => (string)s["name"]!, s => s["value"] is JsonValue v ? v.ToString() : s["value"]!.ToJsonString());
}
