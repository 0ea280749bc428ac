using System.Text;
using System.Text.Json;
using CsvHelper;
using Kimera.Cli.Summary;
using Kimera.Datasets;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.RunComparisons;
using Kimera.Reporting;
using Kimera.Reporting.RunComparisons;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary>
/// <c>kimera compare A B</c>: two runs of the same pairs (run folders or their pairs.csv) compared judge by judge — a
/// readable summary, the comparison as JSON (<c>--json</c>), an HTML page (<c>--html FILE</c>) — and, with
/// <c>--fail-on-regression</c>, exit 1 when B is significantly worse than A (<see cref="Statistics.RunComparisons.RegressionRule"/>).
/// Exit 2 on bad input: a missing file, a bad value, a pair id whose texts differ between the runs.
/// </summary>
public sealed class CompareCommand : AsyncCommand<CompareSettings>
{
    public const string Description =
        "Compare two runs of the same pairs (run folders or pairs.csv): paired tests per judge, changed pairs; --json, --html FILE, --fail-on-regression for CI.";

    private readonly TextWriter _out;
    private readonly TextWriter _error;

    public CompareCommand()
        : this(Console.Out, Console.Error)
    {
    }

    internal CompareCommand(TextWriter output, TextWriter error)
    {
        _out = output;
        _error = error;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RunComparisonReport report;
        try
        {
            report = await RunComparisonBuilder.CompareAsync(
                settings.A, settings.B, settings.ToSpec().ToStatisticsOptions(), settings.Rule,
                settings.JudgeOf('a'), settings.JudgeOf('b'), settings.Changed ?? Statistics.RunComparisons.RunComparer.DefaultChangedShown,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when ((ex as DatasetFormatException ?? ex.InnerException as DatasetFormatException) is { } notUtf8)
        {
            return await BadInputAsync(notUtf8.Message).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException)
        {
            return await BadInputAsync(ex.Message).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CsvFormatException or DecoderFallbackException or IOException or UnauthorizedAccessException)
        {
            return await BadInputAsync($"cannot read the runs: {ex.Message}").ConfigureAwait(false);
        }

        if (settings.Html is { } htmlFile)
        {
            if (Path.GetDirectoryName(Path.GetFullPath(htmlFile)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await File.WriteAllTextAsync(htmlFile, RunComparisonHtml.Render(report), HtmlReportWriter.Encoding, cancellationToken).ConfigureAwait(false);
        }

        if (settings.Json)
        {
            await _out.WriteLineAsync(JsonSerializer.Serialize(report, PipelineJson.Options)).ConfigureAwait(false);
        }
        else
        {
            RunComparisonSummaryView.Write(SummaryOutputs.For(_out), report);
            if (settings.Html is { } written)
            {
                await _out.WriteLineAsync($"comparison page: {Path.GetFullPath(written)}").ConfigureAwait(false);
            }
        }

        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (report.Comparison.Regression is not { } regression)
        {
            return ExitCodes.Success;
        }

        // The one line for a CI log: on stdout after the summary, on stderr when stdout carries the JSON.
        var line = $"kimera compare: {regression.Reason}";
        await (settings.Json ? _error : _out).WriteLineAsync(line).ConfigureAwait(false);
        return regression.Regressed ? ExitCodes.Failed : ExitCodes.Success;
    }

    private async Task<int> BadInputAsync(string message)
    {
        await _error.WriteLineAsync(KimeraApp.Prefixed("kimera compare", message)).ConfigureAwait(false);
        return ExitCodes.BadInput;
    }
}
