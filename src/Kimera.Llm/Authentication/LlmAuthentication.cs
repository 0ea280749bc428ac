namespace Kimera.Llm.Authentication;

/// <summary>How the LLM judge signs its requests (<c>Kimera:Llm:Auth</c>, <c>--llm-auth</c>, a judge file's <c>auth</c>).</summary>
public enum LlmAuthentication
{
    /// <summary>The API key as a bearer token (<c>Authorization: Bearer KEY</c>): OpenAI, Azure OpenAI v1 with a key, local servers.</summary>
    Key = 0,

    /// <summary>A Microsoft Entra ID token for <see cref="LlmAccessTokenRequest.AzureOpenAiScope"/> from the host's
    /// <see cref="ILlmAccessTokenSource"/> (<c>DefaultAzureCredential</c>: a managed identity in Azure, <c>az login</c>
    /// locally); no key is needed or sent.</summary>
    Azure = 1,
}
