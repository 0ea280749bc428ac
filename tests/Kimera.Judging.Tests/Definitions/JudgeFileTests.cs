using System.Text.Json;
using Kimera.Engine.Geoids;
using Kimera.Judging.Definitions;

namespace Kimera.Judging.Tests.Definitions;

/// <summary>Judge files: the example of docs/many-judges.md reads as written, and every kind of mistake is named, all at once.</summary>
public sealed class JudgeFileTests
{
    private const string Example = """
        { "judges": [
          { "name": "kimera", "kind": "kimera" },
          { "name": "k50", "kind": "kimera", "options": { "ResonanceThreshold": 0.5 } },
          { "name": "mini", "kind": "llm", "model": "gpt-4o-mini", "apiKeyVariable": "OPENAI_API_KEY", "repeats": 3 },
          { "name": "local", "kind": "llm", "endpoint": "http://localhost:11434/v1", "model": "llama3.1" } ] }
        """;

    [Fact]
    public void The_example_judge_file_reads_into_four_judges_in_order()
    {
        var read = JudgeFile.Parse(Example, "judges.json");

        Assert.Empty(read.Problems);
        Assert.Equal(["kimera", "k50", "mini", "local"], read.Judges.Select(j => j.Name));
        Assert.Equal(["kimera", "kimera", "llm", "llm"], read.Judges.Select(j => j.Kind));
        Assert.True(read.Judges[0].IsShorthand);
        Assert.Equal(new Dictionary<string, string> { ["ResonanceThreshold"] = "0.5" }, read.Judges[1].Options);
        Assert.Equal(3, read.Judges[2].RepeatCount);
        Assert.Equal("OPENAI_API_KEY", read.Judges[2].ApiKeyVariable);
        Assert.Equal("http://localhost:11434/v1", read.Judges[3].Endpoint);
        Assert.Equal(1, read.Judges[3].RepeatCount);
        // The columns: each judge, then mini's three repeats right after it.
        Assert.Equal(["kimera", "k50", "mini", "mini@1", "mini@2", "mini@3", "local"], JudgeSetColumns.Of(read.Judges));
    }

    [Fact]
    public void The_request_settings_of_a_model_profile_read_and_bad_ones_are_named()
    {
        var read = JudgeFile.Parse(
            """
            { "judges": [
              { "name": "o3", "kind": "llm", "model": "o3-mini", "temperature": "none", "maxOutputTokens": 6000, "reasoningEffort": "high", "responseFormat": "json_object" },
              { "name": "warm", "kind": "llm", "temperature": 0.7, "priceInputPerMillion": 0, "priceOutputPerMillion": 0 } ] }
            """,
            "judges.json");
        var bad = JudgeFile.Parse(
            """{ "judges": [ { "name": "x", "kind": "llm", "temperature": "hot", "maxOutputTokens": 8, "reasoningEffort": "max", "responseFormat": "xml" } ] }""",
            "bad.json");

        Assert.Empty(read.Problems);
        var o3 = read.Judges[0];
        Assert.Equal((null, true, 6000, "high", "json_object"), (o3.Temperature, o3.OmitTemperature, o3.MaxOutputTokens, o3.ReasoningEffort, o3.ResponseFormat));
        Assert.False(o3.IsShorthand);
        Assert.Equal((0.7, (bool?)null, 0m, 0m), (read.Judges[1].Temperature, read.Judges[1].OmitTemperature, read.Judges[1].PriceInputPerMillion, read.Judges[1].PriceOutputPerMillion));
        Assert.Equal(
        [
            "bad.json: judges[0] ('x'): \"temperature\" must be a number between 0 and 2, got \"hot\".",
            "bad.json: judges[0] ('x'): \"maxOutputTokens\" must be a whole number between 16 and 100000, got 8.",
            "bad.json: judges[0] ('x'): \"reasoningEffort\" must be one of low, medium, high, got \"max\".",
            "bad.json: judges[0] ('x'): \"responseFormat\" must be one of json_schema, json_object, none, got \"xml\".",
        ],
            bad.Problems);
    }

    [Fact]
    public void Option_names_match_ignoring_case_and_underscores_and_are_stored_under_their_canonical_name()
    {
        var read = JudgeFile.Parse("""{ "judges": [ { "name": "a", "kind": "kimera", "options": { "resonance_threshold": 0.45, "NEGATIONPENALTYENABLED": false, "minSharedWords": 3 } } ] }""", "f.json");

        Assert.Empty(read.Problems);
        Assert.Equal(
            new Dictionary<string, string> { ["ResonanceThreshold"] = "0.45", ["NegationPenaltyEnabled"] = "false", ["MinSharedWords"] = "3" },
            read.Judges[0].Options);
        var options = KimeraOptionOverrides.Apply(new KimeraEngineOptions(), read.Judges[0].Options);
        Assert.Equal(0.45, options.ResonanceThreshold);
        Assert.False(options.NegationPenaltyEnabled);
        Assert.Equal(3, options.MinSharedWords);
        // Everything else keeps the base options' values.
        Assert.Equal(new KimeraEngineOptions().HighResonanceThreshold, options.HighResonanceThreshold);
    }

    [Fact]
    public void Every_problem_of_a_bad_file_is_named_with_its_entry_in_one_pass()
    {
        const string bad = """
            { "judges": [
              { "name": "k", "kind": "kimera", "options": { "ResonanceTreshold": 0.5, "HighResonanceConfidence": 1.5, "MinSharedWords": "two" } },
              { "name": "K", "kind": "kimera", "model": "gpt-4o" },
              { "name": "mini", "kind": "llm", "modle": "gpt-4o-mini", "temperature": 3, "repeats": 0, "options": { "ResonanceThreshold": 0.1 } },
              { "name": "bad name", "kind": "oracle" },
              { "kind": "llm", "endpoint": "ftp://example.org", "apiKeyVariable": "sk-abc-123" },
              "oracle",
              42
            ], "extra": true }
            """;

        var problems = JudgeFile.Parse(bad, "judges.json").Problems;

        string[] expected =
        [
            "judges.json: unknown property 'extra' (a judge file holds only \"judges\").",
            "judges.json: judges[0] ('k'): options: 'ResonanceTreshold' is not a Kimera engine option a judge can override",
            "judges.json: judges[0] ('k'): options: MinSharedWords must be a whole number, got \"two\".",
            "judges.json: judges[0] ('k'): options: HighResonanceConfidence must be",
            "judges.json: judges[1] ('K'): \"model\" applies to llm judges only.",
            "judges.json: judges[2] ('mini'): unknown property 'modle'",
            "judges.json: judges[2] ('mini'): \"temperature\" must be a number between 0 and 2, got 3.",
            "judges.json: judges[2] ('mini'): \"repeats\" must be a whole number between 1 and 20, got 0.",
            "judges.json: judges[2] ('mini'): \"options\" (Kimera engine options) applies to kimera judges only.",
            "judges.json: judges[3] ('bad name'): kind 'oracle' is not known (kimera or llm).",
            "judges.json: judges[4]: \"name\" is required",
            "judges.json: judges[4]: endpoint 'ftp://example.org' is not an absolute http(s) URL.",
            "judges.json: judges[4]: apiKeyVariable 'sk-abc-123' is not an environment variable name",
            "judges.json: 'oracle' is not a known judge (kimera, llm).",
            "judges.json: judges[6]: expected a judge object or a judge name, got a number.",
            "judges.json: judge name 'bad name' cannot prefix columns",
            "judges.json: judge name 'k' is used more than once",
        ];
        foreach (var message in expected)
        {
            Assert.True(problems.Any(p => p.StartsWith(message, StringComparison.Ordinal)), $"missing: {message}\nproblems:\n{string.Join("\n", problems)}");
        }

        Assert.True(expected.Length == problems.Count, string.Join("\n", problems));
    }

    [Fact]
    public void Auth_and_a_managed_identity_client_id_are_read_for_llm_judges_and_refused_elsewhere_or_unknown()
    {
        var read = JudgeFile.Parse(
            """
            { "judges": [
              { "name": "aoai", "kind": "llm", "endpoint": "https://res.openai.azure.com/openai/v1/", "model": "gpt-4o-mini", "auth": "Azure", "managedIdentityClientId": "00000000-0000-0000-0000-000000000001" },
              { "name": "keyed", "kind": "llm", "auth": "key" } ] }
            """,
            "judges.json");
        var bad = JudgeFile.Parse(
            """{ "judges": [ { "name": "k", "kind": "kimera", "auth": "azure" }, { "name": "x", "kind": "llm", "auth": "entra" } ] }""", "judges.json");

        Assert.Empty(read.Problems);
        Assert.Equal("azure", read.Judges[0].Auth);
        Assert.Equal("00000000-0000-0000-0000-000000000001", read.Judges[0].ManagedIdentityClientId);
        Assert.False(read.Judges[0].IsShorthand);
        Assert.Equal("key", read.Judges[1].Auth);
        Assert.Equal(
            ["judges.json: judges[0] ('k'): \"auth\" applies to llm judges only.", "judges.json: judges[1] ('x'): auth 'entra' is not known (key or azure)."],
            bad.Problems);
    }

    [Fact]
    public void Names_that_cannot_prefix_columns_and_budget_shares_over_the_whole_are_refused()
    {
        var problems = JudgeFile.Parse("""
            { "judges": [
              { "name": "a@1", "kind": "kimera" },
              { "name": "x", "kind": "llm", "budgetShare": 0.7 },
              { "name": "y", "kind": "llm", "budgetShare": 0.6 } ] }
            """, "j.json").Problems;

        Assert.Equal(
            [
                "j.json: judge name 'a@1' cannot prefix columns: use letters, digits, '_', '-' and '.', starting with a letter, at most 64 characters.",
                "j.json: the LLM judges' budget shares add up to 1.3, more than the whole budget (1).",
            ],
            problems);
    }

    [Theory]
    [InlineData("{ \"judges\": [ { \"name\": \"a\", \"kind\": \"kimera\" }, ] ", "j.json: line 1: not valid JSON")]
    [InlineData("[ { \"name\": \"a\", \"kind\": \"kimera\" } ]", "j.json: expected an object with a \"judges\" array")]
    [InlineData("{ \"judges\": [] }", "j.json: name at least one judge.")]
    public void A_file_that_is_not_a_judge_file_says_so(string json, string expected)
    {
        var problem = Assert.Single(JudgeFile.Parse(json, "j.json").Problems);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_http_body_array_mixes_names_and_objects()
    {
        using var body = JsonDocument.Parse("""["kimera", { "name": "k50", "kind": "kimera", "options": { "ResonanceThreshold": 0.5 } }]""");

        var read = JudgeFile.ParseArray(body.RootElement, "judges");

        Assert.Empty(read.Problems);
        Assert.Equal(["kimera", "k50"], read.Judges.Select(j => j.Name));
    }

    [Fact]
    public void A_missing_judge_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "judges.json");

        var problem = Assert.Single(JudgeFile.Read(path).Problems);

        Assert.StartsWith($"{path}: cannot be read", problem, StringComparison.Ordinal);
    }
}
