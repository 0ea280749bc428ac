using System.ClientModel;
using System.ClientModel.Primitives;
using Kimera.Llm.Authentication;
using Kimera.Llm.Prompt;
using OpenAI;
using OpenAI.Chat;

namespace Kimera.Llm;

/// <summary>The official SDK's chat client, set up the one way the judge and its preflight probe both need it: the
/// SDK's own retries off and its network timeout behind the pipeline's, the judge's model, temperature, output limit,
/// reasoning effort and response format on every request, as the model's profile and the options say.</summary>
internal sealed class LlmChat
{
    private readonly LlmJudgeOptions _options;
    private readonly ChatClient _client;

    /// <param name="httpClient">The transport; its own timeout should be infinite, the pipeline's timeouts apply.</param>
    /// <param name="accessTokens">The tokens of <see cref="LlmAuthentication.Azure"/>; required then, unused with a key.</param>
    public LlmChat(LlmJudgeOptions options, HttpClient httpClient, LlmAccessTokenCache? accessTokens = null)
    {
        _options = options;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            Transport = new HttpClientPipelineTransport(httpClient),
            // Only this judge's pipeline retries: the SDK's own retries would bypass the rate buckets and the counts.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The pipeline's attempt timeout fires first; this only backs it up.
            NetworkTimeout = options.AttemptTimeout + TimeSpan.FromSeconds(5),
        };
        // The constructor taking an authentication policy is marked for evaluation (OPENAI001); it is the SDK's documented way to
        // sign with Entra ID (Azure OpenAI v1 endpoint), and the only one that sends no key at all.
#pragma warning disable OPENAI001
        _client = options.Auth == LlmAuthentication.Azure
            ? new ChatClient(options.Model, new LlmBearerTokenPolicy(
                accessTokens ?? throw new InvalidOperationException(
                    "The LLM judge signs in with Entra ID (Auth azure) but the host registered no access token source."),
                new LlmAccessTokenRequest(LlmAccessTokenRequest.AzureOpenAiScope, options.ManagedIdentityClientId)), clientOptions)
            : new ChatClient(options.Model, new ApiKeyCredential(options.ApiKey!), clientOptions);
#pragma warning restore OPENAI001
    }

    /// <summary>The two messages that ask whether <paramref name="first"/> and <paramref name="second"/> contradict each other.</summary>
    public static ChatMessage[] Messages(string first, string second) =>
        [new SystemChatMessage(ContradictionPrompt.SystemMessage), new UserChatMessage(ContradictionPrompt.UserMessage(first, second))];

    /// <summary>Sends one chat completion request; no retry. Throws what the SDK throws: <see cref="ClientResultException"/>
    /// for an HTTP error or a transport failure, a <see cref="System.Text.Json.JsonException"/> for a body that is not a completion.</summary>
    public async Task<ChatCompletion> CompleteAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken) =>
        (await _client.CompleteChatAsync(messages, NewCompletionOptions(), cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>The answer's text: its text parts, joined; <c>null</c> when the message has none (<c>content: null</c>).
    /// Only <c>content</c> is the answer: the SDK does not read <c>reasoning_content</c> (vLLM with a reasoning parser, the
    /// DeepSeek API), the model's thinking, so a draft of the JSON there is never taken for the answer.</summary>
    public static string? AnswerText(ChatCompletion completion)
    {
        var parts = completion.Content.Where(part => part.Kind == ChatMessageContentPartKind.Text).Select(part => part.Text).ToArray();
        return parts.Length == 0 ? null : string.Concat(parts);
    }

    /// <summary>Whether the answer was cut at the output-token limit: <c>finish_reason: "length"</c>, or no answer text at
    /// all (a reasoning model that spent the limit thinking, its thoughts in <c>reasoning_content</c>, sends
    /// <c>content: null</c>; a content filter, which also leaves no text, is not a cut).</summary>
    public static bool IsCut(ChatCompletion completion, string? text) =>
        completion.FinishReason == ChatFinishReason.Length || (text is null && completion.FinishReason != ChatFinishReason.ContentFilter);

    private ChatCompletionOptions NewCompletionOptions()
    {
        // A fresh instance per call: the SDK writes the model and messages into the options object it is given.
        // The model's profile decides what the request carries: a reasoning model gets no temperature (it refuses any but its
        // own) and a limit with room for its thinking; max_tokens only for a family that takes nothing newer.
        var completion = new ChatCompletionOptions
        {
            Temperature = _options.EffectiveTemperature is { } temperature ? (float)temperature : null,
        };
        if (_options.Profile.OutputLimitParameter == "max_tokens")
        {
#pragma warning disable SCME0001 // JsonPatch is marked experimental; it is the SDK's one way to send the older parameter.
            completion.Patch.Set("$.max_tokens"u8, _options.OutputTokenLimit);
#pragma warning restore SCME0001
        }
        else
        {
            completion.MaxOutputTokenCount = _options.OutputTokenLimit;
        }

        if (_options.ReasoningEffort is { } effort)
        {
#pragma warning disable OPENAI001 // Marked for evaluation in the SDK; it writes reasoning_effort, which the API documents.
            completion.ReasoningEffortLevel = new ChatReasoningEffortLevel(effort);
#pragma warning restore OPENAI001
        }

        completion.ResponseFormat = _options.EffectiveResponseFormat switch
        {
            "json_schema" => ChatResponseFormat.CreateJsonSchemaFormat(
                ContradictionPrompt.JsonSchemaName, BinaryData.FromString(ContradictionPrompt.JsonSchema), jsonSchemaIsStrict: true),
            "json_object" => ChatResponseFormat.CreateJsonObjectFormat(),
            _ => null,
        };

        return completion;
    }
}
