using System.ComponentModel;
using System.Globalization;
using Kimera.Datasets;
using Kimera.Pipeline;
using Kimera.Reporting.Model;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>
/// <c>kimera validate &lt;file&gt;</c>: reads a dataset the way a run would and prints its shape, counts and every
/// problem with its line number. Exit codes: 0 no problems, 1 the file is readable but has problems (bad rows, such as
/// unknown partner ids), 2 the file cannot be used at all (missing, empty, not UTF-8, unknown columns), with the
/// message on stderr; also 2, after the summary, when the file gives no pair (a header and no rows, every row bad, a
/// single text), which <c>kimera run</c> refuses: stderr has <see cref="DatasetSummary.NoPairsReason"/>.
/// </summary>
public sealed class ValidateCommand : AsyncCommand<ValidateCommand.Settings>
{
    public const string Description =
        "Check a dataset (CSV, TSV, JSON Lines, Parquet): format, layout, counts and every bad row with its line number. " +
        "Exit 0 = no problems, 1 = problems found (listed), 2 = unreadable file, or no pair to run " +
        "(a header and no rows, every row bad, a single text), which run refuses too (message on stderr).";

    private readonly TextWriter _out;
    private readonly TextWriter _error;

    public ValidateCommand()
        : this(Console.Out, Console.Error)
    {
    }

    internal ValidateCommand(TextWriter output, TextWriter error)
    {
        _out = output;
        _error = error;
    }

    /// <summary>Arguments of <c>kimera validate</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<file>")]
        [Description("The dataset file, as for run (.csv, .tsv/.txt, .jsonl/.json, .parquet; text formats also .gz).")]
        public string File { get; init; } = string.Empty;

        [CommandOption("--max-text-length <N>")]
        [Description("A text longer than N characters is a bad row.")]
        [DefaultValue(DatasetReaderOptions.DefaultMaxTextLength)]
        public int MaxTextLength { get; init; } = DatasetReaderOptions.DefaultMaxTextLength;

        [CommandOption("--seed <N>")]
        [Description("Seed of the geoid negatives and texts shuffle, as for run.")]
        [DefaultValue(RunSpec.DefaultSeed)]
        public int Seed { get; init; } = RunSpec.DefaultSeed;

        [CommandOption("--format <FORMAT>")]
        [Description("The file's format: csv, tsv, jsonl or parquet. Default: from the extension.")]
        public string? Format { get; init; }

        [CommandOption("--text1-column <NAME>")]
        [Description("Column of the first text (premise, evidence). Default: the recognised layout's.")]
        public string? Text1Column { get; init; }

        [CommandOption("--text2-column <NAME>")]
        [Description("Column of the second text (hypothesis, claim). Default: the recognised layout's.")]
        public string? Text2Column { get; init; }

        [CommandOption("--label-column <NAME>")]
        [Description("Column of the gold label. Default: the recognised layout's.")]
        public string? LabelColumn { get; init; }

        [CommandOption("--id-column <NAME>")]
        [Description("Column of the pair id. Default: the recognised layout's, else line numbers.")]
        public string? IdColumn { get; init; }

        [CommandOption("--positive-label <VALUES>")]
        [Description("Label values that mean contradiction, comma-separated; every other known value is not. Default: the layout's.")]
        public string? PositiveLabels { get; init; }

        public override ValidationResult Validate() =>
            Directory.Exists(File) ? ValidationResult.Error($"'{File}' is a directory, not a file.") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!System.IO.File.Exists(settings.File))
        {
            await _error.WriteLineAsync($"kimera validate: file '{settings.File}' does not exist.").ConfigureAwait(false);
            return 2;
        }

        if (settings.MaxTextLength < 1)
        {
            await _error.WriteLineAsync($"kimera validate: --max-text-length must be at least 1, was {settings.MaxTextLength}.").ConfigureAwait(false);
            return 2;
        }

        // The reading options of a run (RunOptions.Table: --format, --text1-column, …), checked and turned into reader
        // options as kimera run does; validate takes them from its command line only.
        var spec = RunOptions.ToSpec(settings);
        var problems = spec.Validate(RunOptions.OptionNames(settings));
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await _error.WriteLineAsync($"kimera validate: {problem}").ConfigureAwait(false);
            }

            return 2;
        }

        DatasetSummary summary;
        try
        {
            var options = spec.ToReaderOptions();
            await using var reader = await DatasetReader.OpenAsync(settings.File, options, cancellationToken).ConfigureAwait(false);
            summary = await reader.ValidateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DatasetFormatException ex)
        {
            await _error.WriteLineAsync($"kimera validate: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await _error.WriteLineAsync($"kimera validate: cannot read '{settings.File}': {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        await WriteSummaryAsync(summary).ConfigureAwait(false);
        if (summary.NoPairsReason() is { } noPairs)
        {
            // Readable, but a run would refuse it: the same line as run's, and the same exit code.
            await _error.WriteLineAsync($"kimera validate: {noPairs}").ConfigureAwait(false);
            return 2;
        }

        return summary.Problems.Count == 0 ? 0 : 1;
    }

    private async Task WriteSummaryAsync(DatasetSummary s)
    {
        var c = CultureInfo.InvariantCulture;
        var report = DatasetReport.From(s);
        var lines = new List<string>
        {
            $"File:      {s.Source}",
            $"Shape:     {s.Shape.ToString().ToLowerInvariant()} (columns: {string.Join(", ", s.Columns)})",
        };
        if (s.Mapping is { } mapping)
        {
            lines.Add($"Format:    {mapping.Format}");
            lines.Add($"Layout:    {mapping.Layout} ({mapping.Describe()})");
            if (mapping.LabelNote is { } note)
            {
                lines.Add($"Labels:    {note}");
            }
        }

        if (s.NoGoldRows > 0)
        {
            lines.Add($"No gold label: {report.NoGoldCount()} ({report.NoGoldPositions()})");
        }

        lines.AddRange(
        [
            string.Create(c, $"Rows:      {s.RowsRead} read, {s.GoodRows} good, {s.BadRows} bad"),
            string.Create(c, $"Pairs:     {s.PairsBuilt} ({s.Positives} contradiction, {s.Negatives} not contradiction, {s.Unlabelled} unlabelled)"),
            $"Languages: {Counts(s.RowLanguages)} (rows); {Counts(s.PairLanguages)} (pairs)",
        ]);
        if (s.UnknownPartnerIds.Count > 0)
        {
            lines.Add(string.Create(c, $"Unknown partner ids: {s.UnknownPartnerIds.Count} ({string.Join(", ", s.UnknownPartnerIds)})"));
        }

        if (s.NegativesShort > 0)
        {
            lines.Add(string.Create(c, $"Negatives short: {s.NegativesShort} positive(s) got no negative (too few non-partner texts)"));
        }

        if (s.UnpairedTexts > 0)
        {
            lines.Add(string.Create(c, $"Unpaired texts: {s.UnpairedTexts} (odd number of texts)"));
        }

        lines.Add(string.Create(c, $"Problems:  {s.Problems.Count}"));
        lines.AddRange(s.Problems.Select(p => $"  {p}"));
        foreach (var line in lines)
        {
            await _out.WriteLineAsync(line).ConfigureAwait(false);
        }

        await _out.FlushAsync().ConfigureAwait(false);
    }

    private static string Counts(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value}")));
}
