using Kimera.Datasets;
using Kimera.Datasets.Formats;
using Kimera.Pipeline.Stages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kimera.Pipeline.Tests;

/// <summary>The reading options of a run (format and column mapping, issue 22): validation, the reader options the planner
/// gets, and the plan fingerprint, which names them only when they are set.</summary>
public sealed class RunSpecReadingTests
{
    /// <summary>A blob-like source: its identity is "blob.csv", newline, "\"0x1\"".</summary>
    private static readonly DatasetSource Source = new("blob.csv", "\"0x1\"", _ => Task.FromResult<Stream>(new MemoryStream()));

    private static readonly RunSpec KimeraOnly = new() { Judges = ["kimera"] };

    [Fact]
    public void A_format_that_is_not_one_of_the_four_is_refused_naming_the_option_and_the_accepted_names()
    {
        Assert.Equal(["--format must be one of csv, tsv, jsonl, parquet (got 'xlsx')."], new RunSpec { Format = "xlsx" }.Validate(_ => "--format"));
        Assert.Equal(["format must be one of csv, tsv, jsonl, parquet (got '')."], new RunSpec { Format = string.Empty }.Validate(_ => "format"));
    }

    [Theory]
    [InlineData("csv", DatasetFormat.Csv)]
    [InlineData("TSV", DatasetFormat.Tsv)]
    [InlineData("json", DatasetFormat.JsonLines)]
    [InlineData("jsonl", DatasetFormat.JsonLines)]
    [InlineData("parquet", DatasetFormat.Parquet)]
    public void A_known_format_is_valid_and_reaches_the_reader(string name, DatasetFormat format)
    {
        var spec = new RunSpec { Format = name };

        Assert.Empty(spec.Validate());
        Assert.Equal(format, spec.ToReaderOptions().Format);
    }

    [Fact]
    public void Blank_columns_and_a_positive_label_list_without_values_are_refused()
    {
        var spec = new RunSpec { Text1Column = " ", IdColumn = string.Empty, PositiveLabels = " , " };

        Assert.Equal(
            [
                "Text1Column must name a column (got an empty value).",
                "IdColumn must name a column (got an empty value).",
                "PositiveLabels must name at least one label value (got ' , ').",
            ],
            spec.Validate());
    }

    [Fact]
    public void The_reader_options_carry_every_reading_option_and_the_runs_seed_and_bounds()
    {
        var spec = new RunSpec
        {
            Seed = 7,
            MaxPairs = 30,
            MaxTextLength = 400,
            Format = "tsv",
            Text1Column = "premise",
            Text2Column = "hypothesis",
            LabelColumn = "label",
            IdColumn = "uid",
            PositiveLabels = "2, c",
        };

        var options = spec.ToReaderOptions();

        Assert.Equal((7, 30, 400, DatasetFormat.Tsv), (options.Seed, options.MaxPairs, options.MaxTextLength, options.Format));
        Assert.Equal(("premise", "hypothesis", "label", "uid"), (options.Mapping.Text1Column, options.Mapping.Text2Column, options.Mapping.LabelColumn, options.Mapping.IdColumn));
        Assert.Equal(["2", "c"], options.Mapping.PositiveLabels);
    }

    [Fact]
    public void Without_reading_options_the_reader_detects_the_format_and_layout()
    {
        var options = new RunSpec().ToReaderOptions();

        Assert.Null(options.Format);
        Assert.True(options.Mapping.IsEmpty);
    }

    [Fact]
    public void The_fingerprint_without_reading_options_is_the_one_runs_had_before_them()
    {
        // python3: hashlib.sha256('kimera-plan/1\nblob.csv\n"0x1"\n42\n500\nall\n10000\nkimera\nsalt'.encode()).hexdigest()
        Assert.Equal("0e9b2340b0fefe14412d923597e8c17b0679dfcb0f40694c1aabfbc020c4fbda", RunPlanner.Fingerprint(Source, KimeraOnly, "salt"));
    }

    [Fact]
    public void The_format_and_the_mapping_each_add_a_line_to_the_fingerprint()
    {
        // python3: the same text with "format tsv" (then also "mapping text1=premise text2=hypothesis positive=2,c") after "all".
        Assert.Equal(
            "f00a503b019603db4d11813cdd4942ae8bee214c13a20021e4c541ce65f16735",
            RunPlanner.Fingerprint(Source, KimeraOnly with { Format = "TSV" }, "salt"));
        Assert.Equal(
            "a18ae4d4643769582bc740d9ea3f607e1afea50ec962935630a7f165ebff5a03",
            RunPlanner.Fingerprint(Source, KimeraOnly with { Format = "jsonl", Text1Column = "premise", Text2Column = "hypothesis", PositiveLabels = "2,c" }, "salt"));
    }

    [Fact]
    public void The_kimera_run_section_binds_the_reading_options()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kimera:Run:Format"] = "jsonl",
            ["Kimera:Run:Text1Column"] = "evidence",
            ["Kimera:Run:Text2Column"] = "claim",
            ["Kimera:Run:LabelColumn"] = "verdict",
            ["Kimera:Run:IdColumn"] = "id",
            ["Kimera:Run:PositiveLabels"] = "REFUTES,false",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddRunSpec().BuildServiceProvider();

        var spec = provider.GetRequiredService<IOptions<RunSpec>>().Value;

        Assert.Equal(("jsonl", "evidence", "claim", "verdict", "id", "REFUTES,false"), (spec.Format, spec.Text1Column, spec.Text2Column, spec.LabelColumn, spec.IdColumn, spec.PositiveLabels));
        Assert.Equal("text1=evidence text2=claim label=verdict id=id positive=REFUTES,false", spec.Mapping().Describe());
    }

    [Fact]
    public void A_bad_configured_format_fails_at_start_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Kimera:Run:Format"] = "xml" }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddRunSpec().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RunSpec>>().Value);

        Assert.Equal(["Kimera:Run:Format must be one of csv, tsv, jsonl, parquet (got 'xml')."], error.Failures);
    }
}
