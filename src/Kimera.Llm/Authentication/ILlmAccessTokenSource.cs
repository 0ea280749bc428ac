namespace Kimera.Llm.Authentication;

/// <summary>What the judge asks for when it signs requests with <see cref="LlmAuthentication.Azure"/>.</summary>
/// <param name="Scope">The token's scope: <see cref="AzureOpenAiScope"/>.</param>
/// <param name="ManagedIdentityClientId">The client id of a user-assigned managed identity, or <c>null</c> for the
/// credential's default (<c>AZURE_CLIENT_ID</c>, else the system-assigned identity).</param>
public sealed record LlmAccessTokenRequest(string Scope, string? ManagedIdentityClientId)
{
    /// <summary>The scope of Azure OpenAI (Azure AI services) tokens.</summary>
    public const string AzureOpenAiScope = "https://cognitiveservices.azure.com/.default";
}

/// <summary>An access token and when it expires.</summary>
/// <param name="Token">Sent as <c>Authorization: Bearer Token</c>; never logged.</param>
public sealed record LlmAccessToken(string Token, DateTimeOffset ExpiresOn)
{
    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"LlmAccessToken {{ ExpiresOn = {ExpiresOn:O} }}";
}

/// <summary>Gets access tokens for <see cref="LlmAuthentication.Azure"/>. The hosts (the command line, the Functions app)
/// implement it with Azure.Identity's <c>DefaultAzureCredential</c>, so Kimera.Llm stays free of Azure packages;
/// <see cref="LlmAccessTokenCache"/> keeps each token until shortly before it expires.</summary>
public interface ILlmAccessTokenSource
{
    ValueTask<LlmAccessToken> GetTokenAsync(LlmAccessTokenRequest request, CancellationToken cancellationToken);
}
