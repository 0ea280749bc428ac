using System.Globalization;
using Kimera.Cli.Summary;
using Kimera.Datasets;
using Kimera.Pipeline;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Kimera.Pipeline.Telemetry;
using Kimera.Reporting.Model;
using Kimera.Storage.FileSystem;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kimera.Cli.Commands;

/// <summary><c>kimera run</c>: the benchmark on one machine — plan, chunks in parallel, aggregate; resumable.</summary>
public sealed class RunCommand : AsyncCommand<RunSettings>
{
    private readonly IAnsiConsole _console = AnsiConsole.Console;
    private readonly TextWriter _error = Console.Error;

    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        DatasetSource dataset;
        try
        {
            dataset = DatasetSource.FromFile(settings.Dataset);
        }
        catch (FileNotFoundException ex)
        {
            await _error.WriteLineAsync($"kimera run: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var outDirectory = settings.Out ?? Path.Combine("runs", Path.GetFileNameWithoutExtension(settings.Dataset));
        using var folderLock = RunFolderLock.TryAcquire(outDirectory);
        if (folderLock is null)
        {
            await _error.WriteLineAsync(
                $"kimera run: {Path.GetFullPath(outDirectory)} is in use by another kimera run (it holds {RunFolderLock.FileName} there); wait for it to finish or choose another --out.");
            return ExitCodes.BadInput;
        }

        using var loggerFactory = CliLogging.Create(settings.Verbose);
        // The run id of the log lines is the run folder's name: what the user chose (--out) and sees, stable across resumes
        // of the same folder (docs/cli.md, "Logs").
        using var run = RunTelemetry.BeginRun(loggerFactory.CreateLogger<RunCommand>(), RunIdOf(outDirectory), "kimera run");
        await using var composition = await RunComposition.CreateAsync(settings, loggerFactory, _error, cancellationToken);
        if (composition is null)
        {
            return ExitCodes.BadInput;
        }

        // Command line > Kimera:Run configuration > RunSpec's defaults. The options given were checked with the arguments;
        // the spec they make with the configured ones is checked again (a configured --sample beside a given --max-pairs).
        var spec = settings.ToSpec(composition.Judges, composition.RunDefaults);
        var problems = spec.Validate(RunOptions.OptionNames(settings, property => $"{RunSpec.SectionName}:{property}"));
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await _error.WriteLineAsync($"kimera run: {problem}");
            }

            return ExitCodes.BadInput;
        }

        var store = new FileSystemArtifactStore(outDirectory);

        try
        {
            var report = await RunWithProgressAsync(composition, dataset, store, spec, cancellationToken);
            RunSummaryView.Write(SummaryOutputs.ForStandardOutput(_console), report, store.Location);
            return await ExitCodeOfAsync(report, store.Location);
        }
        catch (DatasetFormatException ex)
        {
            await _error.WriteLineAsync($"kimera run: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (RunRefusedException ex)
        {
            await _error.WriteLineAsync($"kimera run: refused: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _error.WriteLineAsync($"kimera run: stopped. Finished chunks are kept in {store.Location}; run the same command again to resume.");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The run id of a run folder: its name (the last part of its full path; the whole path for a root).</summary>
    public static string RunIdOf(string outDirectory)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDirectory));
        var name = Path.GetFileName(full);
        return name.Length > 0 ? name : full;
    }

    /// <summary>1 when a judge got no verdict on any pair (an endpoint that could not serve the run): the outputs are
    /// written all the same, but a script must not mistake the run for a comparison. 0 otherwise.</summary>
    private async Task<int> ExitCodeOfAsync(RunReport report, string location)
    {
        var failed = report.Statistics.Judges.Where(j => j.Value.Judged == 0 && j.Value.Errors > 0).ToList();
        foreach (var (name, judge) in failed)
        {
            await _error.WriteLineAsync($"kimera run: the {name} judge failed on every pair ({StatisticsSummaryView.FailureLine(name, judge)}); the results in {location} lack its verdicts.");
        }

        return failed.Count > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }

    private async Task<RunReport> RunWithProgressAsync(
        RunComposition composition, DatasetSource dataset, IArtifactStore store, RunSpec spec, CancellationToken cancellationToken)
    {
        if (!_console.Profile.Capabilities.Interactive)
        {
            using var lines = new PlainProgressLines(_error, TimeProvider.System);
            return await composition.Engine.RunAsync(
                dataset, store, spec, composition.ResultSalt, lines, cancellationToken);
        }

        RunReport? report = null;
        await _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("planning", autoStart: true, maxValue: 1);
                task.IsIndeterminate = true;
                // Reports come from the chunks' threads as they go; the bar takes each at once, one at a time (Progress<T> would
                // post them to the thread pool, out of order). The ETA is the run's own (this session's rate, once a few pairs are done).
                var gate = new Lock();
                var progress = new ProgressCallback<RunProgress>(p =>
                {
                    lock (gate)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = Math.Max(1, p.TotalPairs);
                        task.Value = p.PairsDone;
                        task.Description = string.Create(
                            CultureInfo.InvariantCulture,
                            $"pairs {p.PairsDone:N0}/{p.TotalPairs:N0} · chunks {p.ChunksDone}/{p.ChunkCount} · {p.PairsPerSecond:F1} pairs/s · eta {p.EstimatedRemainingText}");
                    }
                });
                report = await composition.Engine.RunAsync(
                    dataset, store, spec, composition.ResultSalt, progress, cancellationToken);
                task.Description = "done";
                task.Value = task.MaxValue;
            });
        return report!;
    }
}
