using Kimera.Judging;
using Kimera.Llm.Prompt;

namespace Kimera.Llm.Tests;

public sealed class LlmAnswerParserTests
{
    [Theory]
    [InlineData("{\"contradiction\": true, \"confidence\": 0.85, \"reasoning\": \"opposite\"}")]
    [InlineData("```json\n{\"contradiction\": true, \"confidence\": 0.85, \"reasoning\": \"opposite\"}\n```")]
    [InlineData("```\n{\"contradiction\": true, \"confidence\": 0.85, \"reasoning\": \"opposite\"}\n```\n")]
    [InlineData("Here is my answer:\n```json\n{ \"contradiction\" : true,\n  \"confidence\" : 0.85,\n  \"reasoning\" : \"opposite\" }\n```")]
    public void Answers_with_or_without_a_json_fence_are_read(string content)
    {
        Assert.True(LlmAnswerParser.TryParse(content, out var judgement, out var problem));
        Assert.Null(problem);
        Assert.Equal(new Judgement(true, 0.85, "opposite"), judgement);
        Assert.Equal(0.85, judgement.Score); // contradiction: score = confidence (docs/algorithm.md, "The Kimera judge")
    }

    [Fact]
    public void A_no_contradiction_verdict_scores_one_minus_its_confidence()
    {
        Assert.True(LlmAnswerParser.TryParse("{\"contradiction\": false, \"confidence\": 0.7}", out var judgement, out _));
        Assert.Equal(new Judgement(false, 0.7, null), judgement);
        Assert.Equal(0.3, judgement.Score!.Value, 12);
    }

    [Theory]
    [InlineData("", "empty answer")]
    [InlineData("The statements contradict each other.", "no JSON object in the answer")]
    [InlineData("{\"contradiction\": \"yes\", \"confidence\": 0.9}", "\"contradiction\" is missing or not a boolean")]
    [InlineData("{\"confidence\": 0.9}", "\"contradiction\" is missing or not a boolean")]
    [InlineData("{\"contradiction\": true, \"confidence\": 1.5}", "\"confidence\" is missing or not a number from 0 to 1")]
    [InlineData("{\"contradiction\": true, \"confidence\": \"0.9\"}", "\"confidence\" is missing or not a number from 0 to 1")]
    [InlineData("{\"contradiction\": true}", "\"confidence\" is missing or not a number from 0 to 1")]
    public void Anything_else_is_rejected_with_the_reason(string content, string expected)
    {
        Assert.False(LlmAnswerParser.TryParse(content, out var judgement, out var problem));
        Assert.Null(judgement);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Truncated_json_is_rejected()
    {
        Assert.False(LlmAnswerParser.TryParse("{\"contradiction\": true, \"confidence\": 0.9, \"reasoning\": \"cut} off", out _, out var problem));
        Assert.StartsWith("invalid JSON", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_objects_that_disagree_are_rejected_not_picked_from()
    {
        Assert.False(LlmAnswerParser.TryParse(
            "{\"contradiction\": true, \"confidence\": 0.9} or {\"contradiction\": false, \"confidence\": 0.6}", out _, out var problem));
        Assert.Equal("the answer holds two JSON objects that disagree", problem);
    }

    [Fact]
    public void The_same_verdict_twice_is_read_from_the_first_object()
    {
        Assert.True(LlmAnswerParser.TryParse(
            "{\"contradiction\": true, \"confidence\": 0.9}\nSo: {\"contradiction\": true, \"confidence\": 0.6}", out var judgement, out _));
        Assert.Equal(new Judgement(true, 0.9, null), judgement);
    }

    [Theory]
    // DeepSeek-R1 / Qwen3 through Ollama: the thinking holds braces and a draft with the opposite verdict, then a fence.
    [InlineData("<think>\nSets {a} and {b}: a brace } here. Draft: {\"contradiction\": false, \"confidence\": 0.2}\n</think>\n\n```json\n{\"contradiction\": true, \"confidence\": 0.85, \"reasoning\": \"opposite\"}\n```")]
    // A chat template that put <think> in the prompt: the answer starts inside the thinking.
    [InlineData("Braces { and } and {\"contradiction\": false, \"confidence\": 0.1}</think>{\"contradiction\": true, \"confidence\": 0.85, \"reasoning\": \"opposite\"}")]
    // Prose with braces before and after the object.
    [InlineData("Looking at both {as asked}, my verdict: {\"contradiction\": true, \"confidence\": 0.85, \"reasoning\": \"opposite\"} Hope this helps }.")]
    // A bare fence.
    [InlineData("```\n{\"contradiction\": true, \"confidence\": 0.85, \"reasoning\": \"opposite\"}\n```")]
    // Wrapped in another object.
    [InlineData("{\"answer\": {\"contradiction\": true, \"confidence\": 0.85, \"reasoning\": \"opposite\"}}")]
    public void The_verdict_is_found_past_thinking_prose_fences_and_wrappers(string content)
    {
        Assert.True(LlmAnswerParser.TryParse(content, out var judgement, out var problem), problem);
        Assert.Equal(new Judgement(true, 0.85, "opposite"), judgement);
    }

    [Fact]
    public void Braces_and_quotes_inside_a_string_value_do_not_end_the_object()
    {
        const string content = "{\"contradiction\": true, \"confidence\": 0.85, \"reasoning\": \"one says {calm}, the \\\"other\\\" }{ not\"}\nNote: the format was {json}.";

        Assert.True(LlmAnswerParser.TryParse(content, out var judgement, out var problem), problem);
        Assert.Equal(new Judgement(true, 0.85, "one says {calm}, the \"other\" }{ not"), judgement);
    }

    [Theory]
    [InlineData("<think>\nStill thinking about {a}", "the answer ends inside its <think> block")]
    [InlineData("<think>\n{\"contradiction\": true, \"confidence\": 0.9}\n</think>\n", "empty answer after the <think> block")]
    [InlineData("<think>{\"contradiction\": true, \"confidence\": 0.9}</think>\nThey contradict.", "no JSON object in the answer")]
    public void Thinking_alone_is_never_the_answer(string content, string expected)
    {
        Assert.False(LlmAnswerParser.TryParse(content, out _, out var problem));
        Assert.Equal(expected, problem);
    }
}
