using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;
using Kimera.Llm.Authentication;

namespace Kimera.Functions.Configuration;

/// <summary>The Entra ID tokens of <c>Kimera:Llm:Auth</c> <c>azure</c> (in Azure: the app's managed identity): Azure.Identity's <c>DefaultAzureCredential</c> (environment,
/// workload identity, managed identity, Azure CLI, …), one per managed-identity client id; without one, the credential's
/// own default (<c>AZURE_CLIENT_ID</c>, else the system-assigned identity). The judge caches the tokens
/// (<see cref="LlmAccessTokenCache"/>). The same class as the command line's (the two hosts may not reference each other).</summary>
public sealed class AzureLlmTokenSource : ILlmAccessTokenSource
{
    private readonly Func<string?, TokenCredential> _credentialFor;
    private readonly ConcurrentDictionary<string, TokenCredential> _credentials = new(StringComparer.Ordinal);

    public AzureLlmTokenSource()
        : this(DefaultCredential)
    {
    }

    /// <param name="credentialFor">The credential for a client id (<c>null</c>: the default one); tests pass a fake.</param>
    public AzureLlmTokenSource(Func<string?, TokenCredential> credentialFor)
    {
        ArgumentNullException.ThrowIfNull(credentialFor);
        _credentialFor = credentialFor;
    }

    public async ValueTask<LlmAccessToken> GetTokenAsync(LlmAccessTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clientId = string.IsNullOrWhiteSpace(request.ManagedIdentityClientId) ? null : request.ManagedIdentityClientId.Trim();
        var credential = _credentials.GetOrAdd(clientId ?? string.Empty, _ => _credentialFor(clientId));
        var token = await credential.GetTokenAsync(new TokenRequestContext([request.Scope]), cancellationToken).ConfigureAwait(false);
        return new LlmAccessToken(token.Token, token.ExpiresOn);
    }

    /// <summary><c>DefaultAzureCredential</c>; its options read <c>AZURE_CLIENT_ID</c> themselves, so a client id is set only when given.</summary>
    public static TokenCredential DefaultCredential(string? clientId)
    {
        var options = new DefaultAzureCredentialOptions();
        if (clientId is not null)
        {
            options.ManagedIdentityClientId = clientId;
        }

        return new DefaultAzureCredential(options);
    }
}
