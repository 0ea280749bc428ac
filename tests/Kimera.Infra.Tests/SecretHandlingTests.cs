using System.Text.RegularExpressions;

namespace Kimera.Infra.Tests;

/// <summary>No key or secret is written into a setting, an output or a log-visible value.</summary>
[Trait("Category", "Process")]
public sealed partial class SecretHandlingTests
{
    [Theory]
    [InlineData("AccountKey=")]
    [InlineData("SharedAccessSignature")]
    [InlineData("SharedAccessKey")]
    [InlineData("DefaultEndpointsProtocol")]
    [InlineData("listKeys")]
    [InlineData("listAccountSas")]
    [InlineData("listServiceSas")]
    [InlineData("listConnectionStrings")]
    public async Task Main_template_never_builds_a_key_based_credential(string marker)
    {
        var main = await InfraFiles.MainTemplateAsync();

        Assert.DoesNotContain(marker, main.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task No_app_setting_holds_a_key_or_a_keyed_connection_string()
    {
        var settings = FunctionAppTemplateTests.AppSettings((await InfraFiles.MainTemplateAsync()).Single("Microsoft.Web/sites"));

        // 16 since Kimera__Console__ApplicationInsightsResourceId (a resource id, for the console's logs link: no secret);
        // 17 since Kimera__Run__Parallelism (a number: the run's window, issue 27).
        Assert.Equal(17, settings.Count);
        Assert.All(settings.Values, v => Assert.DoesNotMatch(KeyLikeValue(), v));
        // The only setting fed from the secure parameter is the LLM key, and it prefers the Key Vault reference.
        Assert.Equal(["OPENAI_API_KEY"], settings.Where(s => s.Value.Contains("llmApiKey", StringComparison.Ordinal)).Select(s => s.Key));
    }

    [Fact]
    public async Task No_output_of_any_template_is_named_or_computed_like_a_secret()
    {
        var main = await InfraFiles.MainTemplateAsync();
        var eventGrid = await InfraFiles.EventGridTemplateAsync();
        var outputs = main.AllOutputs().Concat(eventGrid.AllOutputs()).ToList();

        Assert.Equal(13, main.Root["outputs"]!.AsObject().Count);
        Assert.Empty(eventGrid.Root["outputs"]?.AsObject() ?? []);
        Assert.All(outputs, o => Assert.DoesNotMatch(SecretLikeName(), o.Name));
        Assert.All(outputs, o => Assert.DoesNotMatch(SecretLikeValue(), o.Value));
    }

    [Fact]
    public async Task The_llm_key_parameter_is_secure_everywhere_it_travels()
    {
        var main = await InfraFiles.MainTemplateAsync();

        Assert.Equal("securestring", (string?)main.Parameters["llmApiKey"]!["type"]);
        Assert.Equal("", (string?)main.Parameters["llmApiKey"]!["defaultValue"]);
        Assert.Equal("securestring", (string?)main.ModuleTemplate("functionapp")["parameters"]!["llmApiKey"]!["type"]);
        Assert.Equal("securestring", (string?)main.ModuleTemplate("keyvault")["parameters"]!["llmApiKey"]!["type"]);
        // Nested deployments evaluate in their own scope, so secure values are not expanded into the parent.
        Assert.All(main.OfType("Microsoft.Resources/deployments"),
            d => Assert.Equal("inner", (string?)d.Properties!["expressionEvaluationOptions"]!["scope"]));
    }

    [Fact]
    public async Task The_event_grid_template_reads_the_webhook_key_only_into_the_endpoint_url()
    {
        var eventGrid = await InfraFiles.EventGridTemplateAsync();

        Assert.Single(ListKeysCall().Matches(eventGrid.Text));
        var subscription = eventGrid.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions");
        Assert.Contains("listKeys(", subscription.Properties!["destination"]!["properties"]!["endpointUrl"]!.ToString(), StringComparison.Ordinal);
        Assert.All(eventGrid.Parameters, p => Assert.DoesNotMatch(SecretLikeName(), p.Key));
    }

    [GeneratedRegex(@"(?i)(secret|password|connectionstring|token|credential|sas|keys?$)")]
    private static partial Regex SecretLikeName();

    [GeneratedRegex(@"(?i)(\blist\w*\(|connectionstring|parameters\('llmApiKey'\)|AccountKey=)")]
    private static partial Regex SecretLikeValue();

    [GeneratedRegex(@"(?i)(AccountKey=|SharedAccessKey=|SharedAccessSignature=|sig=|\blist\w*\()")]
    private static partial Regex KeyLikeValue();

    [GeneratedRegex(@"listKeys\(")]
    private static partial Regex ListKeysCall();
}
