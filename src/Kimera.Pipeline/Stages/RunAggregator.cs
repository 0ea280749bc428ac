using System.Diagnostics;
using System.Text.Json;
using Kimera.Engine.Embeddings;
using Kimera.Judging.Definitions;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Examples;
using Kimera.Pipeline.Model;
using Kimera.Reporting;
using Kimera.Reporting.Model;
using Kimera.Statistics;
using Microsoft.Extensions.Logging;

namespace Kimera.Pipeline.Stages;

/// <summary>Aggregate: streams every chunk's result rows into <c>pairs.csv</c>, computes the statistics and writes <c>report.json</c> and <c>report.html</c>.</summary>
/// <remarks>The three outputs are staged (<see cref="IArtifactStore.StageAsync"/>) and committed only after every check has
/// passed, so a failing aggregation leaves the previous outputs as they were, never a shorter <c>pairs.csv</c> beside an older report.</remarks>
public sealed partial class RunAggregator
{
    private readonly ILogger<RunAggregator> _logger;

    public RunAggregator(ILogger<RunAggregator> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    public async Task<RunReport> AggregateAsync(
        RunPlan plan,
        IArtifactStore store,
        IReadOnlyList<ChunkSummary> summaries,
        RunTimings timings,
        StatisticsOptions statisticsOptions,
        Stopwatch total,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(timings);
        ArgumentNullException.ThrowIfNull(total);
        var stopwatch = Stopwatch.StartNew();

        var outcomes = new List<PairOutcome>(plan.TotalPairs);
        var examples = new ExampleCollector(plan.Judges);
        await using var stagedPairs = await store.StageAsync(RunArtifacts.Pairs, async (output, ct) =>
        {
            var columns = PairResultsFile.Columns(plan.Judges, slice: plan.SliceColumn is not null);
            await using var pairs = PairResultsFile.Create(output, plan.Judges, slice: plan.SliceColumn is not null);
            for (var i = 0; i < plan.ChunkCount; i++)
            {
                var name = RunArtifacts.ChunkResults(i);
                await using var input = await store.OpenReadAsync(name, ct).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Results of chunk {i} ('{name}') are missing from {store.Location}.");
                await using var reader = await PairResultsReader.OpenAsync(input, name, ct).ConfigureAwait(false);
                if (!reader.Header.SequenceEqual(columns, StringComparer.Ordinal))
                {
                    // Rows are copied as they are: a chunk written with other columns would shift every value after the first difference.
                    throw new InvalidOperationException(
                        $"Results of chunk {i} ('{name}') have the columns {string.Join(",", reader.Header)}; the plan's are {string.Join(",", columns)}. Plan the run again.");
                }

                await foreach (var row in reader.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    await pairs.WriteRawAsync(row.Fields, ct).ConfigureAwait(false);
                    outcomes.Add(row.ToOutcome());
                    examples.Add(row);
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        if (outcomes.Count != plan.TotalPairs)
        {
            throw new InvalidOperationException($"The results hold {outcomes.Count} pairs; the plan has {plan.TotalPairs}. Nothing may be lost.");
        }

        var statistics = StatisticsCalculator.Compute(outcomes, plan.Judges, statisticsOptions, plan.SliceColumn);
        var dataset = await PipelineJson.ReadAsync<DatasetReport>(store, RunArtifacts.Dataset, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"'{RunArtifacts.Dataset}' is missing from {store.Location}; plan the run again.");

        var reactor = summaries.Aggregate(new ReactorTally(), (sum, s) => sum.Add(s.Reactor));
        var judges = plan.Judges.ToDictionary(
            name => name,
            name => summaries.Aggregate(new JudgeTally(), (sum, s) => sum.Add(s.Judges[name])));
        var llmJudges = plan.ResolvedJudges().Where(j => j.Kind == JudgeKinds.Llm).Select(j => j.Name).ToArray();
        foreach (var name in llmJudges)
        {
            // The summaries count what finished attempts spent; the ledger's records hold what the others spent.
            var llm = judges[name];
            var unfinished = (double)await LlmSpendLedger.ReadUnaccountedInRunAsync(plan, store, name, cancellationToken).ConfigureAwait(false);
            judges[name] = llm with { CostUsd = llm.CostUsd + unfinished, UnfinishedAttemptsCostUsd = unfinished };
        }

        var embeddingHits = summaries.Sum(s => (long)s.EmbeddingCacheHits);
        var embeddingMisses = summaries.Sum(s => (long)s.EmbeddingsComputed);
        var judgementCache = llmJudges.Length > 0
            ? new CacheReport(llmJudges.Sum(n => judges[n].CacheHits), llmJudges.Sum(n => judges[n].Judged + judges[n].Errors - judges[n].CacheHits))
            : null;

        var report = new RunReport
        {
            Run = new RunInfo(plan.Dataset, plan.Shape, plan.Fingerprint, plan.Seed, plan.ChunkSize, plan.ChunkCount, plan.TotalPairs, plan.Judges)
            {
                EmbeddingModel = plan.EmbeddingModel,
                EmbeddingPrecision = plan.EmbeddingModel is null ? null : OnnxSentenceEmbedder.PrecisionOf(plan.EmbeddingModel).ToString().ToLowerInvariant(),
                EmbeddingInt8Kernel = plan.EmbeddingInt8Kernel,
            },
            Dataset = dataset,
            Statistics = statistics,
            Examples = examples.Result(),
            Reactor = reactor,
            Judges = judges,
            Caches = new RunCaches(new CacheReport(embeddingHits, embeddingMisses), judgementCache),
            Timings = timings with
            {
                AggregateSeconds = stopwatch.Elapsed.TotalSeconds,
                TotalSeconds = total.Elapsed.TotalSeconds,
                MillisecondsPerPairPerWorker = plan.TotalPairs == 0 ? 0 : summaries.Sum(s => s.ElapsedMilliseconds) / plan.TotalPairs,
            },
        };

        await using var stagedReport = await store.StageAsync(
            RunArtifacts.Report, (stream, ct) => JsonSerializer.SerializeAsync(stream, report, PipelineJson.Options, ct), cancellationToken).ConfigureAwait(false);
        var html = HtmlReportWriter.Render(report);
        await using var stagedHtml = await store.StageAsync(
            RunArtifacts.ReportHtml, (stream, ct) => HtmlReportWriter.WriteAsync(stream, html, ct), cancellationToken).ConfigureAwait(false);

        // Every check has passed: only now do the new outputs replace the old ones (the report last), and a stop no longer interrupts.
        await stagedPairs.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        await stagedHtml.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        await stagedReport.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        LogAggregated(plan.TotalPairs, store.Location);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Aggregated {Pairs} pairs into {Location}")]
    private partial void LogAggregated(int pairs, string location);
}
