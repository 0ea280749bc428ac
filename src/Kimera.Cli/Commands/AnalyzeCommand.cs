using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Kimera.Cli.Summary;
using Kimera.Datasets;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Examples;
using Kimera.Reporting;
using Kimera.Reporting.Examples;
using Kimera.Statistics;
using Kimera.Statistics.Noise;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>
/// <c>kimera analyze &lt;results.csv&gt;</c>: the statistics of a results table (column contract of docs/architecture.md, "Contracts"; a run's
/// pairs.csv included) — a readable summary, the statistics object as JSON (<c>--json</c>, the same object as the
/// <c>statistics</c> of report.json), and statistics.json plus report.html (<c>--out</c>). Exit 2 on bad input, with
/// the file, line and column of a bad value on stderr. Any number of judges; columns of a judge J's repeats
/// (<c>J@1_pred</c>, … <c>J@K_pred</c>) give J's noise, not more judges.
/// </summary>
public sealed class AnalyzeCommand : AsyncCommand<AnalyzeSettings>
{
    public const string Description =
        "Statistics of a results table (label, J_pred, J_score per judge; a run's pairs.csv works): summary, --json, or statistics.json and report.html with --out.";

    public const string StatisticsFile = "statistics.json";

    private readonly TextWriter _out;
    private readonly TextWriter _error;

    public AnalyzeCommand()
        : this(Console.Out, Console.Error)
    {
    }

    internal AnalyzeCommand(TextWriter output, TextWriter error)
    {
        _out = output;
        _error = error;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, AnalyzeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(settings.Results))
        {
            await _error.WriteLineAsync($"kimera analyze: file '{settings.Results}' does not exist.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        (List<PairOutcome> Rows, IReadOnlyList<string> Judges, ReportExamples Examples) table;
        try
        {
            table = await ReadAsync(settings.Results, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when ((ex as DatasetFormatException ?? ex.InnerException as DatasetFormatException) is { } notUtf8)
        {
            // Names the file, line and byte offset already.
            await _error.WriteLineAsync($"kimera analyze: {notUtf8.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is InvalidDataException or CsvFormatException or DecoderFallbackException)
        {
            var message = ex is InvalidDataException ? ex.Message : $"{settings.Results}: {ex.Message}";
            await _error.WriteLineAsync($"kimera analyze: {message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await _error.WriteLineAsync($"kimera analyze: cannot read '{settings.Results}': {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var options = settings.ToSpec().ToStatisticsOptions();
        var statistics = StatisticsCalculator.Compute(table.Rows, table.Judges, options);

        // Serialised with the pipeline's options, so the object reads exactly as report.json's "statistics".
        var json = JsonSerializer.Serialize(statistics, PipelineJson.Options);
        if (settings.Out is { } outDirectory)
        {
            Directory.CreateDirectory(outDirectory);
            await File.WriteAllTextAsync(Path.Combine(outDirectory, StatisticsFile), json + "\n", HtmlReportWriter.Encoding, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(
                Path.Combine(outDirectory, RunArtifacts.ReportHtml),
                HtmlReportWriter.Render(statistics, Path.GetFileName(settings.Results), table.Examples),
                HtmlReportWriter.Encoding,
                cancellationToken).ConfigureAwait(false);
        }

        if (settings.Json)
        {
            await _out.WriteLineAsync(json).ConfigureAwait(false);
            await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var summary = SummaryOutputs.For(_out);
        var groups = JudgeRepeatGroups.Of(table.Judges);
        var repeats = groups.HasRepeats ? $"; repeats: {string.Join(", ", groups.Repeats.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} ×{r.Value.Count}")))}" : string.Empty;
        var orders = groups.Orders.Count > 0 ? $"; both orders: {string.Join(", ", groups.Orders.Select(o => o.Key))}" : string.Empty;
        summary.Line(string.Create(CultureInfo.InvariantCulture, $"{settings.Results}: {table.Rows.Count:N0} pairs ({statistics.Labelled:N0} labelled), judges {string.Join(", ", groups.Judges)}{repeats}{orders}"), SummaryStyle.Bold);
        StatisticsSummaryView.Write(summary, statistics);
        if (settings.Out is { } written)
        {
            summary.Line($"statistics.json and report.html in {Path.GetFullPath(written)}");
        }

        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>Reads every row; the contract is checked on the header, and every value where it is parsed.</summary>
    private static async Task<(List<PairOutcome> Rows, IReadOnlyList<string> Judges, ReportExamples Examples)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await PairResultsReader.OpenAsync(stream, path, cancellationToken).ConfigureAwait(false);
        reader.RequireStatisticsColumns();
        var rows = new List<PairOutcome>();
        var examples = new ExampleCollector(reader.Judges);
        await foreach (var row in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            reader.RequireFiniteScores(row);
            rows.Add(row.ToOutcome());
            examples.Add(row);
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{path}: no rows after the header.");
        }

        return (rows, reader.Judges, examples.Result());
    }
}
