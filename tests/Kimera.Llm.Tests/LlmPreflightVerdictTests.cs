using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Llm.Tests;

/// <summary>Issue 23, "A preflight that proves the judge works": the preflight asks the judge's own prompt on a fixed pair and
/// its answer must be a verdict the parser reads; a 400 naming a request parameter is advised on by that parameter. Each case
/// through the loopback server: the preflight's result, its request count (one: none of these is retried) and the refusal
/// in both wordings, <c>kimera run</c>'s and the serverless app's.</summary>
public sealed class LlmPreflightVerdictTests
{
    private static readonly LlmPreRunWording CommandLine = LlmPreRunWording.CommandLine("OPENAI_API_KEY");
    private static readonly LlmPreRunWording Serverless = new();

    public static TheoryData<string, string, string, string, string> RefusedParameters => new()
    {
        {
            "400-temperature", "temperature",
            "HTTP 400 (Unsupported value: 'temperature' does not support 0.1 with this model. Only the default (1) value is supported.)",
            "The model refuses 'temperature': run with --llm-temperature none (or 1), or set Kimera__Llm__Temperature.",
            "The model refuses 'temperature': set Kimera:Llm:Temperature to none (or 1)."
        },
        {
            "400-max_tokens", "max_tokens",
            "HTTP 400 (Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.)",
            "The model refuses 'max_tokens': Kimera sends the output-token limit (--llm-max-output-tokens, Kimera__Llm__MaxOutputTokens) as 'max_completion_tokens', as OpenAI's current API and Azure OpenAI's /openai/v1/ take it; point --llm-endpoint at such an API.",
            "The model refuses 'max_tokens': Kimera sends the output-token limit (Kimera:Llm:MaxOutputTokens) as 'max_completion_tokens', as OpenAI's current API and Azure OpenAI's /openai/v1/ take it; point Kimera:Llm:Endpoint at such an API."
        },
        {
            "400-response_format", "response_format",
            "HTTP 400 (response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later)",
            "The model refuses 'response_format': run with --llm-response-format json_object (or none), or set Kimera__Llm__ResponseFormat.",
            "The model refuses 'response_format': set Kimera:Llm:ResponseFormat to json_object (or none)."
        },
        {
            "400-response_format-top-level", "response_format",
            "HTTP 400 (This server does not support the 'json_schema' response format.)",
            "The model refuses 'response_format': run with --llm-response-format json_object (or none), or set Kimera__Llm__ResponseFormat.",
            "The model refuses 'response_format': set Kimera:Llm:ResponseFormat to json_object (or none)."
        },
    };

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(RefusedParameters))]
    public async Task A_400_naming_a_parameter_fails_at_once_with_advice_naming_that_parameter_and_its_setting(
        string fault, string parameter, string cause, string commandLineAdvice, string serverlessAdvice)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = [fault, fault] });
        using var judge = JudgeFactory.Create(server);

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        var failure = $"the LLM endpoint {server.BaseUrl.GetLeftPart(UriPartial.Path)} (model gpt-4o-mini) refused a test request: {cause}";
        Assert.Equal(new LlmPreflightResult(true, failure) { RejectedParameter = parameter }, result);
        Assert.Equal($"{failure}. Nothing was judged. {commandLineAdvice}", LlmPreRunCheck.Refusal(result, CommandLine));
        Assert.Equal($"{failure}. Nothing was judged. {serverlessAdvice}", LlmPreRunCheck.Refusal(result, Serverless));
        Assert.Equal(400, Assert.Single(server.Requests).StatusCode); // deterministic: not retried
    }

    [Fact(Timeout = 30_000)]
    public async Task A_400_naming_no_request_setting_keeps_the_endpoint_model_and_key_advice()
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = ["400-messages"] });
        using var judge = JudgeFactory.Create(server);

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        var failure = $"the LLM endpoint {server.BaseUrl.GetLeftPart(UriPartial.Path)} (model gpt-4o-mini) did not answer a test request: HTTP 400 (Invalid type for 'messages[1].content'.)";
        Assert.Equal(new LlmPreflightResult(true, failure), result);
        Assert.Equal(
            $"{failure}. Nothing was judged. Check --llm-endpoint, --llm-model and OPENAI_API_KEY, or leave the LLM out (--judges kimera).",
            LlmPreRunCheck.Refusal(result, CommandLine));
        Assert.Single(server.Requests);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("garbled", "no JSON object in the answer", "I think these two statements are probably related, but I cannot say.")]
    [InlineData(
        "rambling", "no JSON object in the answer",
        "Sure! Let me think about these two statements. The first one says something about the sky, and the second one seems to s…")]
    public async Task An_answer_that_is_not_the_verdict_fails_at_once_showing_what_came_back_on_one_line(string fault, string problem, string shown)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = [fault, fault] });
        using var judge = JudgeFactory.Create(server);

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        var failure = $"the LLM endpoint {server.BaseUrl.GetLeftPart(UriPartial.Path)} (model gpt-4o-mini) answered a test request, but not with the JSON verdict ({problem}): \"{shown}\"";
        Assert.Equal(new LlmPreflightResult(true, failure) { AnswerUnparsable = true }, result);
        Assert.Equal(
            $"{failure}. Nothing was judged. The model did not answer with the JSON verdict the prompt asks for: run with --llm-response-format json_schema (or json_object), or set Kimera__Llm__ResponseFormat, or choose a model that follows the prompt (--llm-model).",
            LlmPreRunCheck.Refusal(result, CommandLine));
        Assert.Equal(
            $"{failure}. Nothing was judged. The model did not answer with the JSON verdict the prompt asks for: set Kimera:Llm:ResponseFormat to json_schema (or json_object), or choose a model that follows the prompt (Kimera:Llm:Model).",
            LlmPreRunCheck.Refusal(result, Serverless));
        Assert.Single(server.Requests);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("think-only")]
    [InlineData("empty-content")]
    public async Task Thinking_that_never_closes_or_an_empty_answer_fails_with_the_token_limit_advice(string fault)
    {
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions { ScriptedFaults = [fault, fault] });
        using var judge = JudgeFactory.Create(server);

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        var failure = $"the LLM endpoint {server.BaseUrl.GetLeftPart(UriPartial.Path)} (model gpt-4o-mini) answered a test request, but the answer was cut at the 200-token limit";
        Assert.Equal(new LlmPreflightResult(true, failure) { AnswerCut = true }, result);
        Assert.Equal(
            $"{failure}. Nothing was judged. Raise --llm-max-output-tokens or Kimera__Llm__MaxOutputTokens: a reasoning model spends output tokens on thinking before it answers, and may need a few thousand.",
            LlmPreRunCheck.Refusal(result, CommandLine));
        Assert.Single(server.Requests);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_verdict_passes_and_the_preflight_asks_the_judges_own_prompt_on_its_fixed_pair()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = JudgeFactory.Create(server);

        var result = await judge.PreflightAsync(TestPairs.Make(1));

        Assert.Equal(new LlmPreflightResult(true, null), result);
        var request = Assert.Single(server.Requests);
        var (first, second) = LlmJudge.PreflightPair;
        Assert.Equal(first + "\u241E" + second, request.PairKey);
        using var body = System.Text.Json.JsonDocument.Parse(request.Body);
        var messages = body.RootElement.GetProperty("messages");
        Assert.Equal(Prompt.ContradictionPrompt.SystemMessage, messages[0].GetProperty("content").GetString());
        Assert.Equal(Prompt.ContradictionPrompt.UserMessage(first, second), messages[1].GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("temperature", "anything", "temperature")]
    [InlineData(null, "Unrecognized request argument supplied: reasoning_effort", "reasoning_effort")]
    [InlineData(null, "'max_completion_tokens' is not supported; use 'max_tokens'", "max_completion_tokens")]
    [InlineData(null, "json_schema response format is not supported by this server", "response_format")]
    [InlineData("json_schema", "anything", "response_format")]
    [InlineData("messages", "Invalid type for 'messages[1].content'", null)]
    [InlineData(null, null, null)]
    public void The_refused_parameter_is_the_error_param_else_the_first_the_message_names(string? param, string? message, string? expected) =>
        Assert.Equal(expected, LlmPreRunWording.RejectedParameter(param, message));
}
