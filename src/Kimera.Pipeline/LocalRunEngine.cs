using System.Collections.Concurrent;
using System.Diagnostics;
using Kimera.Datasets;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Kimera.Reporting.Model;
using Microsoft.Extensions.Logging;

namespace Kimera.Pipeline;

/// <summary>Runs Plan → ProcessChunk (chunks in parallel, bounded) → Aggregate in this process.
/// Chunks already finished in the store (same plan fingerprint) are reused, so an interrupted run resumes.</summary>
public sealed partial class LocalRunEngine
{
    private readonly RunPlanner _planner;
    private readonly ChunkProcessor _processor;
    private readonly RunAggregator _aggregator;
    private readonly ILogger<LocalRunEngine> _logger;
    private readonly IReadOnlyList<IPlanCheck> _checks;
    private readonly IReadOnlyList<IPairJudge> _judges;

    /// <param name="checks">Run after Plan and before any chunk; any of them may refuse the run.</param>
    private LocalRunEngine(
        RunPlanner planner, ChunkProcessor processor, RunAggregator aggregator, ILogger<LocalRunEngine> logger, IReadOnlyList<IPairJudge> judges, IEnumerable<IPlanCheck>? checks = null)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(aggregator);
        ArgumentNullException.ThrowIfNull(logger);
        _planner = planner;
        _processor = processor;
        _aggregator = aggregator;
        _logger = logger;
        _judges = judges;
        _checks = checks?.ToArray() ?? [];
    }

    /// <summary>The local engine with the pipeline's stages over <paramref name="embeddings"/> and <paramref name="judges"/>:
    /// the one way to build it, for <c>kimera run</c>, the tests and the benchmarks alike.</summary>
    /// <param name="judges">Shared by every chunk (one LLM ledger and one set of rate buckets for the whole run).</param>
    /// <param name="checks">Run after Plan and before any chunk, on <paramref name="judges"/>; any of them may refuse the run.</param>
    public static LocalRunEngine Create(
        EmbeddingLookup embeddings,
        IReadOnlyList<IPairJudge> judges,
        KimeraEngineOptions engineOptions,
        ILoggerFactory loggerFactory,
        IEnumerable<IPlanCheck>? checks = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(judges);
        return new LocalRunEngine(
            new RunPlanner(loggerFactory.CreateLogger<RunPlanner>()),
            new ChunkProcessor(embeddings, judges, engineOptions, loggerFactory.CreateLogger<ChunkProcessor>()),
            new RunAggregator(loggerFactory.CreateLogger<RunAggregator>()),
            loggerFactory.CreateLogger<LocalRunEngine>(),
            judges,
            checks);
    }

    public async Task<RunReport> RunAsync(
        DatasetSource dataset,
        IArtifactStore store,
        RunSpec spec,
        string resultSalt,
        IProgress<RunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        var total = Stopwatch.StartNew();

        var planned = await _planner.PlanAsync(dataset, store, spec, resultSalt, _processor.EmbeddingModelId, _processor.EmbeddingInt8Kernel, cancellationToken).ConfigureAwait(false);
        var plan = planned.Plan;
        var planTime = total.Elapsed;
        try
        {
            // What is done is decided before the checks: a damaged chunk is then already not done, and what it spent is
            // in its spend record, so a budget check counts that money and estimates the chunk's pairs.
            var summaries = new ConcurrentDictionary<int, ChunkSummary>();
            for (var i = 0; i < plan.ChunkCount; i++)
            {
                // The chunk processor decides what is done (and warns about damaged chunks), for this engine and the durable one alike.
                if (await _processor.ReadFinishedAsync(plan, i, store, cancellationToken).ConfigureAwait(false) is { } done)
                {
                    summaries[i] = done;
                }
            }

            foreach (var check in _checks)
            {
                await check.CheckAsync(plan, store, _judges, cancellationToken).ConfigureAwait(false);
            }

            return await RunPlannedAsync(plan, store, spec, summaries, planTime, total, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var observer in _checks.OfType<IRunEndObserver>())
            {
                await observer.RunEndedAsync(plan, store, _judges).ConfigureAwait(false);
            }
        }
    }

    private async Task<RunReport> RunPlannedAsync(
        RunPlan plan,
        IArtifactStore store,
        RunSpec spec,
        ConcurrentDictionary<int, ChunkSummary> summaries,
        TimeSpan planTime,
        Stopwatch total,
        IProgress<RunProgress>? progress,
        CancellationToken cancellationToken)
    {
        var pending = Enumerable.Range(0, plan.ChunkCount).Where(i => !summaries.ContainsKey(i)).ToList();

        var reused = summaries.Count;
        var reusedPairs = summaries.Values.Sum(s => (long)s.Pairs);
        if (reused > 0)
        {
            LogResuming(reused, plan.ChunkCount, store.Location);
        }

        var processing = Stopwatch.StartNew();
        // Pairs of finished chunks, plus how far each chunk in progress is: one lock, so reports never go backwards.
        var gate = new Lock();
        var pairsFinished = reusedPairs;
        var chunksDone = reused;
        var inProgress = new Dictionary<int, int>();
        void Report()
        {
            progress?.Report(new RunProgress(
                chunksDone, plan.ChunkCount, pairsFinished + inProgress.Values.Sum(), plan.TotalPairs, reusedPairs, processing.Elapsed));
        }

        Report();
        await Parallel.ForEachAsync(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = spec.Parallelism, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var chunkProgress = progress is null ? null : new ProgressCallback<int>(done =>
                {
                    lock (gate)
                    {
                        inProgress[index] = done;
                        Report();
                    }
                });
                var summary = await _processor.ProcessAsync(plan, index, store, chunkProgress, ct).ConfigureAwait(false);
                summaries[index] = summary;
                lock (gate)
                {
                    inProgress.Remove(index);
                    pairsFinished += summary.Pairs;
                    chunksDone++;
                    Report();
                }
            }).ConfigureAwait(false);
        var processTime = processing.Elapsed;

        var ordered = Enumerable.Range(0, plan.ChunkCount).Select(i => summaries[i]).ToArray();
        var timings = new RunTimings
        {
            PlanSeconds = planTime.TotalSeconds,
            ProcessSeconds = processTime.TotalSeconds,
            ChunksReused = reused,
            PairsProcessed = plan.TotalPairs - reusedPairs,
            Parallelism = spec.Parallelism,
        };
        return await _aggregator.AggregateAsync(plan, store, ordered, timings, spec.ToStatisticsOptions(), total, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming: {Reused} of {Chunks} chunks already done in {Location}")]
    private partial void LogResuming(int reused, int chunks, string location);
}
