using System.Globalization;
using Kimera.Functions.Configuration;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Orchestration.Judges;
using Kimera.Pipeline;
using Kimera.Storage.AzureAccount;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kimera.Functions.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Out_of_range_run_defaults_fail_naming_the_key_and_value()
    {
        using var provider = Provider(new() { ["Kimera:Run:ChunkSize"] = "0", ["Kimera:Run:Judges:0"] = "oracle", ["Kimera:Run:RetryMaxAttempts"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RunSpec>>().Value);
        var retry = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RunRetryOptions>>().Value);

        Assert.Equal(
            [
                "Kimera:Run:ChunkSize must be between 1 and 1000000 (got 0).",
                "Kimera:Run:Judges: 'oracle' is not a known judge (kimera, llm).",
            ],
            error.Failures);
        Assert.Equal(["Kimera:Run:RetryMaxAttempts 0 must be between 1 and 20."], retry.Failures);
    }

    [Fact]
    public void Configured_run_defaults_are_bound_from_the_kimera_run_section()
    {
        using var provider = Provider(new() { ["Kimera:Run:ChunkSize"] = "250", ["Kimera:Run:Parallelism"] = "32", ["Kimera:Run:RetryFirstInterval"] = "00:00:02" });

        var spec = provider.GetRequiredService<IOptions<RunSpec>>().Value;
        var retry = provider.GetRequiredService<IOptions<RunRetryOptions>>().Value;

        Assert.Equal((250, 32, TimeSpan.FromSeconds(2), 4), (spec.ChunkSize, spec.Parallelism, retry.RetryFirstInterval, retry.RetryMaxAttempts));
    }

    [Fact]
    public void Parallelism_defaults_to_the_core_count_as_on_the_command_line()
    {
        using var provider = Provider(new());

        Assert.Equal(Environment.ProcessorCount, provider.GetRequiredService<IOptions<RunSpec>>().Value.Parallelism);
    }

    [Fact]
    public void Without_an_llm_the_default_judges_are_kimera_alone()
    {
        using var provider = Provider(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        var (request, errors) = provider.GetRequiredService<RunRequestFactory>().Create("pairs.csv");

        Assert.Empty(errors);
        Assert.Equal([JudgeNames.Kimera], request!.Spec.Judges);
    }

    [Fact]
    public void Kimera_llm_both_orders_makes_the_llm_judge_ask_both_orders_and_plan_its_order_columns()
    {
        using var provider = Provider(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["OPENAI_API_KEY"] = "sk-test", ["Kimera:Llm:BothOrders"] = "true" });

        var (request, errors) = provider.GetRequiredService<RunRequestFactory>().Create("pairs.csv");

        Assert.Empty(errors);
        Assert.Equal([JudgeNames.Kimera, JudgeNames.Llm], request!.Spec.Judges);
        Assert.Equal([false, true], request.Spec.ResolvedJudges().Select(j => j.AsksBothOrders));
        Assert.Equal(["kimera", "llm", "llm@ab", "llm@ba"], Kimera.Judging.Definitions.JudgeSetColumns.Of(request.Spec.ResolvedJudges()));
    }

    [Fact]
    public void An_llm_api_key_with_bad_llm_options_fails_validation()
    {
        using var provider = Provider(new() { ["OPENAI_API_KEY"] = "sk-test", ["Kimera:Llm:RequestsPerMinute"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Kimera.Llm.LlmJudgeOptions>>().Value);

        Assert.Contains("RequestsPerMinute 0 must be between 2 and 10000000.", error.Failures);
    }

    [Fact]
    public void A_connection_string_in_AzureWebJobsStorage_is_used_for_blobs_and_tables()
    {
        using var provider = Provider(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        var storage = provider.GetRequiredService<WebJobsStorage>();

        // UseDevelopmentStorage=true is Azurite's default endpoints (learn.microsoft.com, "Use the Azurite emulator").
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", storage.Blobs.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", storage.Tables.Uri.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void Identity_based_AzureWebJobsStorage_settings_are_bound_and_name_the_accounts_endpoints()
    {
        using var provider = Provider(new()
        {
            ["AzureWebJobsStorage:accountName"] = "kimerabench",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "11111111-2222-3333-4444-555555555555",
        });

        var options = provider.GetRequiredService<IOptionsMonitor<AzureStorageOptions>>().Get(WebJobsStorage.ConnectionName);
        var storage = provider.GetRequiredService<WebJobsStorage>();

        Assert.Equal(("kimerabench", "managedidentity", "11111111-2222-3333-4444-555555555555", null),
            (options.AccountName, options.Credential, options.ClientId, options.ConnectionString));
        Assert.Equal("https://kimerabench.blob.core.windows.net/", storage.Blobs.Uri.AbsoluteUri);
        Assert.Equal("https://kimerabench.table.core.windows.net/", storage.Tables.Uri.AbsoluteUri);
    }

    [Fact]
    public void Service_uris_set_as_app_settings_with_double_underscores_are_bound()
    {
        // App settings reach the worker as environment variables; "__" is the configuration's ":".
        var prefix = $"KIMERATEST{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__blobServiceUri", "https://acct.blob.core.windows.net");
        Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__tableServiceUri", "https://acct.table.core.windows.net");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            using var provider = ProviderFrom(configuration);

            var storage = provider.GetRequiredService<WebJobsStorage>();

            Assert.Equal(("https://acct.blob.core.windows.net/", "https://acct.table.core.windows.net/"), (storage.Blobs.Uri.AbsoluteUri, storage.Tables.Uri.AbsoluteUri));
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__blobServiceUri", null);
            Environment.SetEnvironmentVariable(prefix + "AzureWebJobsStorage__tableServiceUri", null);
        }
    }

    [Theory]
    [InlineData(null, null, "AzureWebJobsStorage: Storage connection has neither a connection string, an account name nor a service URI.")]
    [InlineData("blobServiceUri", "https://acct.blob.core.windows.net", "AzureWebJobsStorage: the identity-based connection has no table service URI;")]
    [InlineData("accountName", "Not_An_Account", "AzureWebJobsStorage: Storage account name 'Not_An_Account' is not valid")]
    public void A_missing_or_incomplete_AzureWebJobsStorage_fails_validation_saying_what_to_set(string? key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?>();
        if (key is not null)
        {
            settings["AzureWebJobsStorage:" + key] = value;
        }

        using var provider = Provider(settings);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<AzureStorageOptions>>().Get(WebJobsStorage.ConnectionName));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.EndsWith("Set AzureWebJobsStorage to a connection string (UseDevelopmentStorage=true for Azurite), or AzureWebJobsStorage__accountName "
            + "(or __blobServiceUri and __tableServiceUri) for an identity-based connection.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_and_table_names_the_service_would_refuse_fail_validation()
    {
        using var provider = Provider(new() { ["Kimera:Storage:RunsContainer"] = "Runs_1", ["Kimera:Storage:EmbeddingsTable"] = "2embeddings" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Equal(
            [
                "Kimera:Storage:RunsContainer 'Runs_1' is not a container name: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                "Kimera:Storage:EmbeddingsTable '2embeddings' is not a table name: 3 to 63 letters and digits, starting with a letter.",
            ],
            error.Failures);
    }

    [Fact]
    public void By_default_the_app_uses_the_datasets_and_runs_containers_and_the_embeddings_and_judgements_tables()
    {
        using var provider = Provider(new());

        var names = provider.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(("datasets", "runs", "embeddings", "judgements"), (names.DatasetsContainer, names.RunsContainer, names.EmbeddingsTable, names.JudgementsTable));
    }

    [Fact]
    public void The_durable_plans_fingerprint_salt_names_the_llm_endpoint_and_is_written_in_the_invariant_culture()
    {
        // The plan activity fingerprints a run with ChunkProcessorFactory.ResultSalt: it once left the endpoint out (a new
        // endpoint did not re-plan), and the CLI's copy wrote the temperature in the current culture (0,1 in German).
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            using var first = Provider(LlmSettings("https://one.example/v1/"));
            using var second = Provider(LlmSettings("https://two.example/v1/"));
            IReadOnlyList<JudgeDefinition> judges = [JudgeDefinition.FromShorthand(JudgeNames.Kimera), JudgeDefinition.FromShorthand(JudgeNames.Llm)];

            var factory = first.GetRequiredService<ChunkProcessorFactory>();
            var salt = factory.ResultSalt(judges);
            var otherSalt = second.GetRequiredService<ChunkProcessorFactory>().ResultSalt(judges);

            Assert.Equal($"embedding:{factory.EmbeddingModelId}|llm:https://one.example/v1/|gpt-4o-mini|contradiction-v1|0.1", salt);
            Assert.Equal(salt.Replace("one.example", "two.example", StringComparison.Ordinal), otherSalt);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        static Dictionary<string, string?> LlmSettings(string endpoint) => new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["OPENAI_API_KEY"] = "sk-test",
            ["Kimera:Llm:Endpoint"] = endpoint,
            ["Kimera:Llm:Temperature"] = "0.1",
        };
    }

    [Theory]
    // In Azure without a key: the app's managed identity, with the client id the Bicep sets.
    [InlineData("instance-1", null, "", "Azure", true)]
    [InlineData("instance-1", null, null, "Azure", true)]
    // A key, or outside Azure (Core Tools, tests): key, and without a key no LLM judge, as before.
    [InlineData("instance-1", "sk-configured", "", "Key", true)]
    [InlineData(null, null, "", "Key", false)]
    // Set explicitly: as set.
    [InlineData(null, null, "azure", "Azure", true)]
    [InlineData("instance-1", null, "key", "Key", false)]
    public void The_llm_judge_signs_in_with_the_managed_identity_in_azure_when_no_key_is_configured(
        string? instance, string? key, string? auth, string expected, bool judgeRegistered)
    {
        using var provider = Provider(new()
        {
            ["WEBSITE_INSTANCE_ID"] = instance,
            ["OPENAI_API_KEY"] = key,
            ["Kimera:Llm:Auth"] = auth,
            ["Kimera:Llm:ManagedIdentityClientId"] = "11111111-2222-3333-4444-555555555555",
        });

        var options = provider.GetRequiredService<IOptions<Kimera.Llm.LlmJudgeOptions>>().Value;

        Assert.Equal(expected, options.Auth.ToString());
        Assert.Equal("11111111-2222-3333-4444-555555555555", options.ManagedIdentityClientId);
        Assert.Equal(judgeRegistered, provider.GetRequiredService<IServiceProviderIsService>().IsService(typeof(ILlmJudgeSource)));
        Assert.IsType<AzureLlmTokenSource>(provider.GetRequiredService<Kimera.Llm.Authentication.ILlmAccessTokenSource>());
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        ProviderFrom(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static ServiceProvider ProviderFrom(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKimeraFunctions(configuration);
        return services.BuildServiceProvider();
    }
}
