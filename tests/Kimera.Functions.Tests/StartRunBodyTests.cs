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
    [InlineData("""{"dataset": "p.csv", "colour": "blue"}""", "'colour' is not a run option; the body takes dataset, judges, chunkSize, parallelism, seed, maxPairs, sample, maxTextLength, bootstrapResamples, folds.")]
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

    [Theory]
    [InlineData("[1]")]
    [InlineData("""{"dataset": 5}""")]
    public void A_body_that_is_not_an_object_or_names_no_dataset_string_is_not_a_run_request(string json)
    {
        Assert.Throws<JsonException>(() => Read(json));
    }

    private static StartRunBody Read(string json) => StartRunBody.Read(JsonDocument.Parse(json).RootElement);
}
