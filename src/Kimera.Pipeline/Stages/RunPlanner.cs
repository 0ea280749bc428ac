using System.Globalization;
using System.Text.Json;
using Kimera.Datasets;
using Kimera.Datasets.Formats;
using Kimera.Datasets.Sampling;
using Kimera.Engine.Embeddings;
using Kimera.Judging.Definitions;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Reporting.Model;
using Microsoft.Extensions.Logging;

namespace Kimera.Pipeline.Stages;

/// <summary>Plan: streams the dataset once, validates its rows, builds the pairs and writes them in chunks of
/// <see cref="RunSpec.ChunkSize"/>, with <c>dataset.json</c> (counts and bad rows) and <c>plan.json</c>. A dataset that gives no
/// pair is refused (<see cref="RunRefusedException"/> with <see cref="DatasetSummary.NoPairsReason"/>) after dataset.json.
/// A store that already holds a plan with the same fingerprint is reused as it is, which is what makes a run resumable.</summary>
public sealed partial class RunPlanner
{
    private readonly ILogger<RunPlanner> _logger;

    public RunPlanner(ILogger<RunPlanner> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <param name="spec">The run; its judges are the columns the results will carry, in column order.</param>
    /// <param name="resultSalt">Anything else that changes results (embedding model id, LLM model and prompt version).</param>
    /// <param name="embeddingModel">The embedding model id (with its precision), recorded in the plan for the report.</param>
    /// <param name="embeddingInt8Kernel">How the planning process's int8 products run (<see cref="ITextEmbedder.Int8Kernel"/>),
    /// recorded in the plan for the report; not part of the fingerprint (the model id names the vectors).</param>
    public async Task<PlannedRun> PlanAsync(
        DatasetSource dataset,
        IArtifactStore store,
        RunSpec spec,
        string resultSalt,
        string? embeddingModel = null,
        string? embeddingInt8Kernel = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        var options = spec;
        var judges = JudgeSetColumns.Of(spec.ResolvedJudges());
        var fingerprint = Fingerprint(dataset, spec, resultSalt);

        var (existing, problem) = await ReadExistingAsync(store, cancellationToken).ConfigureAwait(false);
        // A plan of 0 pairs (written before runs refused them) is never resumed: planning again refuses it with the reason.
        if (existing is not null && existing.Fingerprint == fingerprint && existing.TotalPairs > 0)
        {
            return new PlannedRun(existing, Resumed: true);
        }

        if (problem is not null)
        {
            LogDamagedPlan(problem, store.Location);
        }
        else if (existing is not null)
        {
            LogReplanning(store.Location);
        }

        // What the LLM judges already spent into this store was paid whatever happened to the plan: the folder's record
        // keeps it before the chunk summaries that hold most of it are deleted, so a re-plan never restarts the budget.
        foreach (var llm in spec.ResolvedJudges().Where(j => j.Kind == JudgeKinds.Llm))
        {
            await LlmSpendLedger.KeepSpendBeforeReplanAsync(store, llm.Name, cancellationToken).ConfigureAwait(false);
        }

        // The chunks an earlier, different (or unreadable) run left here are stale. Its outputs (pairs.csv, report.*) stay
        // until this run's aggregation replaces them whole: a re-plan that is then refused, stopped or fails leaves them as they were.
        foreach (var prefix in new[] { RunArtifacts.Plan, RunArtifacts.ChunksPrefix, RunArtifacts.ResultsPrefix })
        {
            await store.DeletePrefixAsync(prefix, cancellationToken).ConfigureAwait(false);
        }

        // One set of reader options for both passes (the sample's count and the plan): format and mapping included.
        var readerOptions = spec.ToReaderOptions();
        var sample = options.Sample is { } size ? await SelectorAsync(dataset, readerOptions, size, options.Seed, cancellationToken).ConfigureAwait(false) : null;
        var stream = await dataset.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await DatasetReader.OpenAsync(stream, dataset.Name, readerOptions, leaveOpen: false, cancellationToken)
            .ConfigureAwait(false);

        var chunk = new List<BenchmarkPair>(options.ChunkSize);
        var chunkCount = 0;
        var total = 0;
        await foreach (var pair in reader.ReadPairsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (sample is not null && !sample.Take(pair))
            {
                continue;
            }

            chunk.Add(pair);
            total++;
            if (chunk.Count == options.ChunkSize)
            {
                await WriteChunkAsync(store, chunkCount++, chunk, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
            }
        }

        if (chunk.Count > 0)
        {
            await WriteChunkAsync(store, chunkCount++, chunk, cancellationToken).ConfigureAwait(false);
        }

        // The sample asked for beside the one taken: a --sample above the dataset's pairs takes them all, and the report says so.
        var datasetReport = DatasetReport.From(reader.Summary) with { Sample = new SampleReport(options.Sample, total) };
        await PipelineJson.WriteAsync(store, RunArtifacts.Dataset, datasetReport, cancellationToken).ConfigureAwait(false);
        if (total == 0)
        {
            // Nothing to judge: refused with the dataset's own reason (dataset.json above lists the bad rows), and no
            // plan.json is written, so the store holds no plan to resume.
            throw new RunRefusedException(reader.Summary.NoPairsReason() ?? $"{dataset.Name}: no pair to run: the sample selected none");
        }

        var plan = new RunPlan(
            dataset.Name,
            reader.Shape.ToString().ToLowerInvariant(),
            fingerprint,
            options.Seed,
            options.ChunkSize,
            chunkCount,
            total,
            judges.ToArray())
        {
            EmbeddingModel = embeddingModel,
            EmbeddingInt8Kernel = embeddingInt8Kernel,
            JudgeDefinitions = spec.JudgeDefinitions,
            SliceColumn = reader.Summary.Mapping?.SliceColumn,
        };

        // Written last: a plan.json in the store means every chunk file and dataset.json are complete.
        await PipelineJson.WriteAsync(store, RunArtifacts.Plan, plan, cancellationToken).ConfigureAwait(false);
        LogPlanned(total, chunkCount, reader.Summary.BadRows, dataset.Name);
        return new PlannedRun(plan, Resumed: false);
    }

    /// <summary>The first of the two passes of <see cref="RunSpec.Sample"/>: streams the dataset once to count its pairs
    /// per stratum (memory: one counter per label and language), then allocates the sample among the strata.</summary>
    private static async Task<StratifiedSelector> SelectorAsync(
        DatasetSource dataset, DatasetReaderOptions readerOptions, int size, int seed, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<StratumKey, long>();
        var stream = await dataset.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var reader = await DatasetReader.OpenAsync(stream, dataset.Name, readerOptions, leaveOpen: false, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var pair in reader.ReadPairsAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = StratumKey.Of(pair);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return new StratifiedSelector(counts, StratifiedAllocation.Allocate(counts, size), seed);
    }

    /// <summary>The stored plan when plan.json and dataset.json both parse and agree (chunk count, pairs); otherwise the
    /// problem naming the file, or neither when the store holds no plan.</summary>
    private static async Task<(RunPlan? Plan, string? Problem)> ReadExistingAsync(IArtifactStore store, CancellationToken cancellationToken)
    {
        RunPlan? plan;
        try
        {
            plan = await PipelineJson.ReadAsync<RunPlan>(store, RunArtifacts.Plan, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return (null, $"{RunArtifacts.Plan} is damaged (not valid JSON)");
        }

        if (plan is null)
        {
            return (null, null);
        }

        if (plan.Fingerprint is null || plan.Judges is null || plan.ChunkCount < 0 || plan.TotalPairs < 0
            || (plan.ChunkCount > 0 && (plan.ChunkSize < 1 || plan.TotalPairs <= plan.ChunkSize * (long)(plan.ChunkCount - 1) || plan.TotalPairs > plan.ChunkSize * (long)plan.ChunkCount)))
        {
            return (null, $"{RunArtifacts.Plan} is damaged (its fields do not describe a plan)");
        }

        DatasetReport? dataset;
        try
        {
            dataset = await PipelineJson.ReadAsync<DatasetReport>(store, RunArtifacts.Dataset, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return (null, $"{RunArtifacts.Dataset} is damaged (not valid JSON)");
        }

        return dataset is null ? (null, $"{RunArtifacts.Dataset} is missing") : (plan, null);
    }

    /// <summary>SHA-256 over the dataset's <see cref="DatasetSource.Identity"/> (a local file's content identity, however its
    /// path is spelled; a blob's name and ETag) and every option that changes the results (not parallelism, not caches).</summary>
    public static string Fingerprint(DatasetSource dataset, RunSpec spec, string resultSalt)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(spec);
        var options = spec;
        var fields = new List<string>
        {
            "kimera-plan/1",
            dataset.Identity,
            options.Seed.ToString(CultureInfo.InvariantCulture),
            options.ChunkSize.ToString(CultureInfo.InvariantCulture),
            options.MaxPairs?.ToString(CultureInfo.InvariantCulture) ?? "all",
        };
        if (options.Sample is { } sample)
        {
            // Only a sampled run adds a line, so the fingerprints of runs without --sample stay what they were.
            fields.Add("sample " + sample.ToString(CultureInfo.InvariantCulture));
        }

        // Likewise the format and the column mapping: a line each only when given (--format, --text1-column, …).
        if (options.ParsedFormat() is { } format)
        {
            fields.Add("format " + format.Name());
        }

        if (options.Mapping() is { IsEmpty: false } mapping)
        {
            fields.Add("mapping " + mapping.Describe());
        }

        fields.AddRange([options.MaxTextLength.ToString(CultureInfo.InvariantCulture), string.Join(',', spec.Judges), resultSalt]);
        var text = string.Join('\n', fields);
        return TextHash.Sha256Hex(text);
    }

    /// <summary>Writes one chunk file; a dataset with a slice column gives every pair a slice (empty when the row left it
    /// empty), so either every chunk has the <c>slice</c> column or none.</summary>
    private static Task WriteChunkAsync(IArtifactStore store, int index, IReadOnlyList<BenchmarkPair> pairs, CancellationToken cancellationToken) =>
        store.WriteAsync(
            RunArtifacts.ChunkPairs(index), (stream, ct) => ChunkPairsFile.WriteAsync(stream, pairs, slice: pairs.Any(p => p.Slice is not null), ct), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Planned {Pairs} pairs in {Chunks} chunks from {Dataset} ({BadRows} bad rows)")]
    private partial void LogPlanned(int pairs, int chunks, long badRows, string dataset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem} in {Location}; planning afresh")]
    private partial void LogDamagedPlan(string problem, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Location} holds a run with other inputs or options; planning afresh")]
    private partial void LogReplanning(string location);
}
