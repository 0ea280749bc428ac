using System.Text.Json;
using Kimera.Functions.Http;
using Kimera.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kimera.Functions.Tests;

/// <summary>The <c>POST /api/runs</c> body names the run's options as <see cref="RunSpec"/> does (camelCase) and binds them as
/// the <c>Kimera:Run</c> section is bound; its problems read as the command line's and the configuration's.</summary>
public sealed class StartRunBodyTests
{
    [Fact]
    public void A_body_with_every_option_binds_to_the_spec_the_kimera_run_section_binds()
    {
        var body = Read("""
            {"dataset": "pairs.csv", "chunkSize": 7, "parallelism": 3, "seed": 9, "sample": 40, "maxTextLength": 300,
             "judges": ["llm"], "bootstrapResamples": 11, "folds": 4}
            """);
        var configuration = new Dictionary<string, string?>
        {
            ["Kimera:Run:ChunkSize"] = "7",
            ["Kimera:Run:Parallelism"] = "3",
            ["Kimera:Run:Seed"] = "9",
            ["Kimera:Run:Sample"] = "40",
            ["Kimera:Run:MaxTextLength"] = "300",
            ["Kimera:Run:Judges:0"] = "llm",
            ["Kimera:Run:BootstrapResamples"] = "11",
            ["Kimera:Run:Folds"] = "4",
        };
        using var provider = new ServiceCollection().AddRunSpec(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build()).BuildServiceProvider();

        var (spec, problems) = body.ApplyTo(new RunSpec());

        Assert.Empty(problems);
        Assert.Equal("pairs.csv", body.Dataset);
        Assert.Equal(JsonSerializer.Serialize(provider.GetRequiredService<IOptions<RunSpec>>().Value), JsonSerializer.Serialize(spec));
    }

    [Fact]
    public void The_former_field_names_are_aliases()
    {
        var (spec, problems) = Read("""{"dataset": "pairs.csv", "maxParallelChunks": 2, "bootstrap": 0}""").ApplyTo(new RunSpec());

        Assert.Empty(problems);
        Assert.Equal((2, 0), (spec.Parallelism, spec.BootstrapResamples));
    }

    [Fact]
    public void Fields_left_out_keep_the_configured_defaults()
    {
        var (spec, _) = Read("""{"dataset": "pairs.csv", "seed": 1}""").ApplyTo(new RunSpec { ChunkSize = 5, Parallelism = 2 });

        Assert.Equal((5, 2, 1), (spec.ChunkSize, spec.Parallelism, spec.Seed));
    }

    [Theory]
    [InlineData("""{"dataset": "p.csv", "colour": "blue"}""", "'colour' is not a run option; the body takes dataset, judges, budgetUsd, chunkSize, parallelism, seed, maxPairs, sample, maxTextLength, bootstrapResamples, folds, format, text1Column, text2Column, labelColumn, idColumn, positiveLabels.")]
    [InlineData("""{"dataset": "p.csv", "chunkSize": "many"}""", "chunkSize must be a whole number (got \"many\").")]
    [InlineData("""{"dataset": "p.csv", "folds": 2.5}""", "folds must be a whole number (got 2.5).")]
    public void Fields_that_are_not_options_or_not_whole_numbers_are_problems(string json, string expected)
    {
        var (_, problems) = Read(json).ApplyTo(new RunSpec());

        Assert.Equal([expected], problems);
    }

    [Fact]
    public void An_out_of_range_value_is_named_by_its_field_in_the_validators_message()
    {
        var (spec, _) = Read("""{"dataset": "p.csv", "chunkSize": 0, "sample": 5, "maxPairs": 5}""").ApplyTo(new RunSpec());

        Assert.Equal(
            ["chunkSize must be between 1 and 1000000 (got 0).", "sample and maxPairs both choose the pairs; give one of them."],
            spec.Validate(StartRunBody.FieldName));
    }

    [Fact]
    public void The_reading_options_bind_as_the_kimera_run_sections_keys_do()
    {
        var body = Read("""
            {"dataset": "anli.jsonl", "format": "jsonl", "text1Column": "context", "text2Column": "statement", "labelColumn": "verdict",
             "idColumn": "uid", "positiveLabels": "c, 2"}
            """);
        var configuration = new Dictionary<string, string?>
        {
            ["Kimera:Run:Format"] = "jsonl",
            ["Kimera:Run:Text1Column"] = "context",
            ["Kimera:Run:Text2Column"] = "statement",
            ["Kimera:Run:LabelColumn"] = "verdict",
            ["Kimera:Run:IdColumn"] = "uid",
            ["Kimera:Run:PositiveLabels"] = "c, 2",
        };
        using var provider = new ServiceCollection().AddRunSpec(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build()).BuildServiceProvider();

        var (spec, problems) = body.ApplyTo(new RunSpec());

        Assert.Empty(problems);
        Assert.Equal(JsonSerializer.Serialize(provider.GetRequiredService<IOptions<RunSpec>>().Value), JsonSerializer.Serialize(spec));
        Assert.Equal("text1=context text2=statement label=verdict id=uid positive=c,2", spec.Mapping().Describe());
    }

    [Fact]
    public void Positive_labels_may_be_an_array_of_strings()
    {
        var (spec, problems) = Read("""{"dataset": "fever.jsonl", "positiveLabels": ["REFUTES", "NOT ENOUGH INFO"]}""").ApplyTo(new RunSpec());

        Assert.Empty(problems);
        Assert.Equal(["REFUTES", "NOT ENOUGH INFO"], spec.Mapping().PositiveLabels);
    }

    [Theory]
    [InlineData("""{"dataset": "p.csv", "format": 3}""", "format must be a string (got 3).")]
    [InlineData("""{"dataset": "p.csv", "text1Column": ["a"]}""", "text1Column must be a string (got [\"a\"]).")]
    [InlineData("""{"dataset": "p.csv", "positiveLabels": [2]}""", "positiveLabels must be a string of comma-separated values or an array of strings (got [2]).")]
    public void Reading_options_that_are_not_strings_are_problems(string json, string expected)
    {
        var (_, problems) = Read(json).ApplyTo(new RunSpec());

        Assert.Equal([expected], problems);
    }

    [Fact]
    public void An_unknown_format_is_named_by_its_field_with_the_accepted_names()
    {
        var (spec, problems) = Read("""{"dataset": "p.xlsx", "format": "xlsx"}""").ApplyTo(new RunSpec());

        Assert.Empty(problems);
        Assert.Equal(["format must be one of csv, tsv, jsonl, parquet (got 'xlsx')."], spec.Validate(StartRunBody.FieldName));
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("""{"dataset": 5}""")]
    public void A_body_that_is_not_an_object_or_names_no_dataset_string_is_not_a_run_request(string json)
    {
        Assert.Throws<JsonException>(() => Read(json));
    }

    private static StartRunBody Read(string json) => StartRunBody.Read(JsonDocument.Parse(json).RootElement);
}
