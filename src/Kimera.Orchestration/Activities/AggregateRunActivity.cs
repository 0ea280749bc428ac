using System.Diagnostics;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Kimera.Pipeline.Telemetry;
using Kimera.Reporting;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Kimera.Orchestration.Activities;

/// <summary>Aggregate: reads every chunk's summary from the store, writes <c>pairs.csv</c>, <c>report.json</c> and <c>report.html</c>, returns a small result.</summary>
/// <remarks>Summaries come from the store rather than the input: thousands of them would not fit in one queue message.</remarks>
[DurableTask(OrchestrationNames.Aggregate)]
public sealed class AggregateRunActivity : TaskActivity<AggregateInput, RunResult>
{
    private readonly IRunStoreFactory _stores;
    private readonly RunAggregator _aggregator;
    private readonly ILogger<AggregateRunActivity> _logger;

    public AggregateRunActivity(IRunStoreFactory stores, RunAggregator aggregator, ILogger<AggregateRunActivity> logger)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(aggregator);
        ArgumentNullException.ThrowIfNull(logger);
        _stores = stores;
        _aggregator = aggregator;
        _logger = logger;
    }

    public override async Task<RunResult> RunAsync(TaskActivityContext context, AggregateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var run = RunTelemetry.BeginRun(_logger, input.RunId, OrchestrationNames.Aggregate);
        var store = _stores.ForRun(input.RunId);
        var plan = input.Plan;
        var summaries = new ChunkSummary[plan.ChunkCount];
        for (var i = 0; i < plan.ChunkCount; i++)
        {
            summaries[i] = await PipelineJson.ReadAsync<ChunkSummary>(store, RunArtifacts.ChunkSummary(i), CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Chunk {i} of run '{input.RunId}' has no summary in {store.Location}; it was never processed.");
        }

        // The same statistics settings as `kimera run` derives from its arguments, so both engines compute the same numbers.
        var statisticsOptions = input.Spec.ToStatisticsOptions();
        var stopwatch = Stopwatch.StartNew();
        var report = await _aggregator.AggregateAsync(plan, store, summaries, input.Timings, statisticsOptions, stopwatch).ConfigureAwait(false);

        // The aggregator's stopwatch saw only this activity; the run's total also spans plan and processing,
        // which the orchestrator measured. Timings are outside the deterministic part of the report.
        var timings = report.Timings with
        {
            TotalSeconds = input.Timings.PlanSeconds + input.Timings.ProcessSeconds + report.Timings.AggregateSeconds,
        };
        report = report with { Timings = timings };
        await PipelineJson.WriteAsync(store, RunArtifacts.Report, report, CancellationToken.None).ConfigureAwait(false);
        // report.html shows the same timings, so it is rendered again from the corrected report.
        var html = HtmlReportWriter.Render(report);
        await store.WriteAsync(RunArtifacts.ReportHtml, (stream, ct) => HtmlReportWriter.WriteAsync(stream, html, ct), CancellationToken.None).ConfigureAwait(false);

        return new RunResult(
            input.RunId,
            plan.Dataset,
            plan.Shape,
            plan.TotalPairs,
            report.Statistics.Labelled,
            plan.ChunkCount,
            report.Dataset.BadRows,
            // The judges, not their repeats' columns (name@k): those feed the noise statistics of their judge.
            plan.ResolvedJudges().Select(j => j.Name).ToDictionary(
                name => name,
                name => report.Statistics.Judges.TryGetValue(name, out var s)
                    ? new JudgeHeadline(s.Accuracy, s.F1, s.Auroc, s.Errors)
                    : new JudgeHeadline(null, null, null, report.Judges[name].Errors)));
    }
}
