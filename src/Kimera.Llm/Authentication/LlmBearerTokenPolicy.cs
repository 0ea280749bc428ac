using System.ClientModel.Primitives;

namespace Kimera.Llm.Authentication;

/// <summary>Signs each request of the SDK's pipeline with <c>Authorization: Bearer TOKEN</c>, the token from
/// <see cref="LlmAccessTokenCache"/> (fresh per attempt, so a retry after the token expired gets a new one). No key is sent.</summary>
internal sealed class LlmBearerTokenPolicy(LlmAccessTokenCache tokens, LlmAccessTokenRequest request) : AuthenticationPolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        ProcessAsync(message, pipeline, currentIndex).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        var token = await tokens.GetTokenAsync(request, message.CancellationToken).ConfigureAwait(false);
        message.Request.Headers.Set("Authorization", "Bearer " + token);
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
    }
}
