using Kimera.TestSupport;
using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Cli.Tests;

/// <summary><c>kimera run --llm-auth azure</c> as a process: without <c>OPENAI_API_KEY</c> the LLM judge is not skipped, the
/// sign-in is DefaultAzureCredential's (here held to the Azure CLI credential, which cannot sign in on this machine, so the
/// preflight is refused naming it and no request reaches the endpoint); a bad value of the option exits 2 naming it.</summary>
[Trait("Category", "Process")]
public sealed class RunAzureAuthTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData("--llm-auth", "azure")]
    [InlineData("Kimera__Llm__Auth", "azure")]
    public async Task Without_a_key_azure_auth_keeps_the_llm_judge_and_signs_in_with_the_azure_credential(string setting, string value)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = null,
            ["KIMERA_STORAGE"] = null,
            ["Kimera__Llm__Auth"] = null,
            // DefaultAzureCredential limited to one credential that fails at once without the Azure CLI: no network, no wait.
            ["AZURE_TOKEN_CREDENTIALS"] = "AzureCliCredential",
        };
        string[] arguments = ["run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache", "--llm-endpoint", server.BaseUrl.ToString()];
        if (setting.StartsWith("--", StringComparison.Ordinal))
        {
            arguments = [.. arguments, setting, value];
        }
        else
        {
            environment[setting] = value;
        }

        var (exit, _, error) = await KimeraProcess.RunAsync(environment, arguments);

        Assert.Equal(2, exit);
        Assert.DoesNotContain("the LLM judge is skipped", error, StringComparison.Ordinal);
        Assert.DoesNotContain("OPENAI_API_KEY is not set", error, StringComparison.Ordinal);
        Assert.Contains("did not answer a test request: CredentialUnavailableException: AzureCliCredential authentication failed", error, StringComparison.Ordinal);
        Assert.Contains(
            "Check --llm-endpoint, --llm-model and the Azure sign-in of --llm-auth azure (az login, or a managed identity, --llm-managed-identity-client-id), which needs Cognitive Services OpenAI User on the account, or leave the LLM out (--judges kimera).",
            error,
            StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.False(File.Exists(_temp.File("run/report.json")));
    }

    [Fact]
    public async Task An_unknown_auth_exits_2_naming_the_option()
    {
        var (exit, _, error) = await KimeraProcess.RunAsync(
            new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null },
            "run", RepoPaths.Samples("sample_pairs.csv"), "--out", _temp.File("run"), "--no-cache", "--llm-auth", "entra");

        Assert.Equal(2, exit);
        Assert.Contains("--llm-auth 'entra' must be key or azure.", error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
