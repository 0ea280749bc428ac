using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Kimera.Cli.Commands;
using Kimera.Judging.Definitions;
using Kimera.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console.Cli;

namespace Kimera.Cli.Tests;

/// <summary>Issue 21 item 2, one options model: the command line's run options, the <c>Kimera:Run</c> section and the
/// <c>POST /api/runs</c> body bind to the same <see cref="RunSpec"/> through one table and are checked by one validator.</summary>
public sealed class RunOptionsTests
{
    /// <summary>A value per option of the table, each different from its default and valid together (no --max-pairs with --sample).</summary>
    private static readonly Dictionary<string, object> Values = new(StringComparer.Ordinal)
    {
        [nameof(RunSpec.ChunkSize)] = 7,
        [nameof(RunSpec.Parallelism)] = 3,
        [nameof(RunSpec.Seed)] = 9,
        [nameof(RunSpec.Sample)] = 40,
        [nameof(RunSpec.MaxTextLength)] = 300,
        [nameof(RunSpec.BootstrapResamples)] = 11,
        [nameof(RunSpec.Folds)] = 4,
        [nameof(RunSpec.Format)] = "tsv",
        [nameof(RunSpec.Text1Column)] = "premise",
        [nameof(RunSpec.Text2Column)] = "hypothesis",
        [nameof(RunSpec.LabelColumn)] = "label",
        [nameof(RunSpec.IdColumn)] = "uid",
        [nameof(RunSpec.PositiveLabels)] = "2,c",
    };

    [Fact]
    public void Every_option_of_the_table_names_a_spec_option_and_every_spec_option_has_one()
    {
        var properties = RunOptions.Table.Select(r => r.Property).ToHashSet();

        Assert.Equal(RunSpec.OptionNames.Append(nameof(RunSpec.Judges)).Order(), properties.Order());
        Assert.All(RunOptions.Table.Where(r => !r.IsAlias), r => Assert.Single(RunOptions.Table, o => !o.IsAlias && o.Property == r.Property));
        Assert.All(RunOptions.Table, r => Assert.Single(typeof(RunSettings).GetProperties(), p => LongNames(p).Contains(r.Option)));
    }

    [Fact]
    public void A_kimera_run_section_with_every_key_binds_to_the_spec_the_command_line_builds_from_the_same_options()
    {
        var settings = new RunSettings { Dataset = "pairs.csv", Judges = "llm" };
        var configuration = new Dictionary<string, string?> { ["Kimera:Run:Judges:0"] = "llm" };
        foreach (var row in RunOptions.Table.Where(r => Values.ContainsKey(r.Property) && !r.IsAlias))
        {
            Set(settings, row.Option, Values[row.Property]);
            configuration[$"{RunSpec.SectionName}:{row.Property}"] = Convert.ToString(Values[row.Property], CultureInfo.InvariantCulture);
        }

        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddRunSpec()
            .BuildServiceProvider();
        var bound = provider.GetRequiredService<IOptions<RunSpec>>().Value;
        var built = settings.ToSpec(settings.ReadJudges().Judges);

        Assert.Equal(Json(bound), Json(built));
        Assert.Equal(Values.Keys.Order(), RunSpec.OptionNames.Where(p => p != nameof(RunSpec.MaxPairs)).Order());
        Assert.Equal((7, 3, 9, 40, 300, 11, 4), (built.ChunkSize, built.Parallelism, built.Seed, built.Sample, built.MaxTextLength, built.BootstrapResamples, built.Folds));
        Assert.Equal(("tsv", "premise", "hypothesis", "label", "uid", "2,c"), (built.Format, built.Text1Column, built.Text2Column, built.LabelColumn, built.IdColumn, built.PositiveLabels));
    }

    [Fact]
    public void Unset_options_are_the_specs_defaults()
    {
        var built = new RunSettings { Dataset = "pairs.csv" }.ToSpec([JudgeDefinition.FromShorthand("kimera"), JudgeDefinition.FromShorthand("llm")]);

        Assert.Equal(Json(new RunSpec()), Json(built));
    }

    [Fact]
    public void Options_given_override_the_configured_defaults_and_options_left_out_keep_them()
    {
        var configured = new RunSpec { Seed = 7, ChunkSize = 20, Folds = 3 };
        var settings = new RunSettings { Dataset = "pairs.csv", Seed = 9, BootstrapResamples = 100 };
        var analyze = new AnalyzeSettings { Results = "pairs.csv", Bootstrap = 10 };

        var built = settings.ToSpec([JudgeDefinition.FromShorthand("kimera")], configured);
        var statistics = RunOptions.ToSpec(analyze, configured);

        Assert.Equal((9, 20, 3, 100, RunSpec.DefaultMaxTextLength), (built.Seed, built.ChunkSize, built.Folds, built.BootstrapResamples, built.MaxTextLength));
        Assert.Equal((7, 3, 10), (statistics.Seed, statistics.Folds, statistics.BootstrapResamples));
        Assert.Equal(configured, RunOptions.ToSpec(new AnalyzeSettings { Results = "pairs.csv" }, configured));
    }

    [Fact]
    public void Reading_options_given_override_the_configured_ones_and_those_left_out_keep_them()
    {
        var configured = new RunSpec { Format = "jsonl", Text1Column = "premise", PositiveLabels = "2" };
        var settings = new RunSettings { Dataset = "hf.txt", Format = "tsv", PositiveLabels = "c,2" };

        var built = settings.ToSpec([JudgeDefinition.FromShorthand("kimera")], configured);

        Assert.Equal(("tsv", "premise", null, "c,2"), (built.Format, built.Text1Column, built.Text2Column, built.PositiveLabels));
        Assert.Equal(
            ["--format must be one of csv, tsv, jsonl, parquet (got 'xml').", "Kimera:Run:PositiveLabels must name at least one label value (got ',')."],
            new RunSettings { Dataset = "hf.txt", Format = "xml" }.ToSpec([JudgeDefinition.FromShorthand("kimera")], new RunSpec { PositiveLabels = "," })
                .Validate(RunOptions.OptionNames(new RunSettings { Format = "xml" }, p => $"{RunSpec.SectionName}:{p}")));
    }

    [Fact]
    public void A_spec_over_configured_defaults_names_the_options_given_as_typed_and_the_others_by_their_key()
    {
        var settings = new RunSettings { Dataset = "pairs.csv", MaxPairs = 5, Bootstrap = -1 };
        var spec = settings.ToSpec([JudgeDefinition.FromShorthand("kimera")], new RunSpec { Sample = 10, Folds = 1 });

        Assert.Equal(
            [
                "--bootstrap must be between 0 and 1000000 (got -1).",
                "Kimera:Run:Folds must be between 2 and 100 (got 1).",
                "Kimera:Run:Sample and --max-pairs both choose the pairs; give one of them.",
            ],
            spec.Validate(RunOptions.OptionNames(settings, p => $"{RunSpec.SectionName}:{p}")));
    }

    [Fact]
    public void The_former_bootstrap_spelling_still_sets_the_resamples_and_is_named_in_messages()
    {
        var alias = new RunSettings { Dataset = "pairs.csv", Bootstrap = 0 };
        var bad = new RunSettings { Dataset = "pairs.csv", Bootstrap = -1 };
        var analyze = new AnalyzeSettings { Results = "pairs.csv", Bootstrap = 7 };

        Assert.Equal(0, alias.ToSpec([JudgeDefinition.FromShorthand("kimera")]).BootstrapResamples);
        Assert.Equal(7, analyze.ToSpec().BootstrapResamples);
        Assert.Equal("--bootstrap must be between 0 and 1000000 (got -1).", bad.Validate().Message);
        Assert.Equal("--bootstrap-resamples must be between 0 and 1000000 (got -1).", new RunSettings { Dataset = "pairs.csv", BootstrapResamples = -1 }.Validate().Message);
        Assert.Equal("--bootstrap-resamples and --bootstrap are the same option; give one of them.",
            new RunSettings { Dataset = "pairs.csv", BootstrapResamples = 5, Bootstrap = 6 }.Validate().Message);
        Assert.True(typeof(RunSettings).GetProperty(nameof(RunSettings.Bootstrap))!.GetCustomAttribute<CommandOptionAttribute>()!.IsHidden);
    }

    [Fact]
    public void An_out_of_range_value_is_refused_with_the_same_message_shape_on_the_command_line_the_body_and_the_configuration()
    {
        var cli = new RunSettings { Dataset = "pairs.csv", ChunkSize = 0 }.Validate().Message;
        var spec = new RunSpec { ChunkSize = 0 };

        Assert.Equal("--chunk-size must be between 1 and 1000000 (got 0).", cli);
        Assert.Equal(["chunkSize must be between 1 and 1000000 (got 0)."], spec.Validate(p => JsonNamingPolicy.CamelCase.ConvertName(p)));
        Assert.Equal(["Kimera:Run:ChunkSize must be between 1 and 1000000 (got 0)."], new RunSpecValidator().Validate(null, spec).Failures);
    }

    private static string Json(RunSpec spec) => JsonSerializer.Serialize(spec);

    private static IEnumerable<string> LongNames(PropertyInfo property) =>
        property.GetCustomAttribute<CommandOptionAttribute>()?.LongNames.Select(n => "--" + n) ?? [];

    private static void Set(CommandSettings settings, string option, object value)
    {
        var property = settings.GetType().GetProperties().Single(p => LongNames(p).Contains(option));
        property.SetValue(settings, value);
    }
}
