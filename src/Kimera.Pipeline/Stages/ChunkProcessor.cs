using System.Diagnostics;
using Kimera.Datasets;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Reporting.Model;
using Kimera.Statistics.Noise;
using Microsoft.Extensions.Logging;

namespace Kimera.Pipeline.Stages;

/// <summary>ProcessChunk: embeds the chunk's distinct texts (cache first), runs one seeded reactor cycle over its
/// geoids, runs every judge on every pair and writes one result row per pair. Idempotent: a second run writes the same file.
/// A chunk already done is not done again: <see cref="ProcessAsync(RunPlan, int, IArtifactStore, CancellationToken)"/> returns the stored summary when the chunk's artifacts
/// verify (<see cref="ChunkArtifacts"/>), and recomputes, with a warning naming the file, a chunk whose artifacts do not.
/// Both engines rely on it (the local engine on resume, the durable activity on a retry), so no chunk is paid for twice.</summary>
public sealed partial class ChunkProcessor
{
    private readonly EmbeddingLookup _embeddings;
    private readonly IReadOnlyDictionary<string, IPairJudge> _judges;
    private readonly Resonance _resonance;
    private readonly KimeraReactorRunner _reactor;
    private readonly ILogger<ChunkProcessor> _logger;

    public ChunkProcessor(
        EmbeddingLookup embeddings,
        IEnumerable<IPairJudge> judges,
        KimeraEngineOptions engineOptions,
        ILogger<ChunkProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(judges);
        ArgumentNullException.ThrowIfNull(engineOptions);
        ArgumentNullException.ThrowIfNull(logger);
        _embeddings = embeddings;
        _judges = judges.ToDictionary(j => j.Name, StringComparer.Ordinal);
        _resonance = new Resonance(engineOptions);
        _reactor = new KimeraReactorRunner(engineOptions);
        _logger = logger;
    }

    /// <summary>Cache-key id of the embedding model (it names the precision): recorded in the plan and the report.</summary>
    public string EmbeddingModelId => _embeddings.ModelId;

    /// <summary>How this process's int8 products run (e.g. <c>signed (avx512_vnni)</c>), null for float32: recorded in the plan and the report.</summary>
    public string? EmbeddingInt8Kernel => _embeddings.Int8Kernel;

    /// <summary>The stored summary of chunk <paramref name="index"/> when its artifacts verify, else <c>null</c>. A chunk whose
    /// artifacts exist but do not verify gets a warning naming the file, what its summary says the LLM judges spent is added
    /// to the chunk's spend record (<see cref="LlmSpendLedger.KeepSpendOfRejectedAsync"/>), and the summary is removed so the chunk counts as not done.</summary>
    public async Task<ChunkSummary?> ReadFinishedAsync(RunPlan plan, int index, IArtifactStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var verification = await ChunkArtifacts.VerifyAsync(plan, index, store, cancellationToken).ConfigureAwait(false);
        if (verification.Problem is { } problem)
        {
            LogRecomputing(index, problem, store.Location);
            if (verification.Rejected is { } rejected)
            {
                // Its results are lost but their LLM calls were paid: the chunk's record keeps that spend before the summary goes.
                await LlmSpendLedger.KeepSpendOfRejectedAsync(plan, index, rejected, store, cancellationToken).ConfigureAwait(false);
            }

            await store.DeletePrefixAsync(RunArtifacts.ChunkSummary(index), cancellationToken).ConfigureAwait(false);
        }

        return verification.Summary;
    }

    /// <summary>Processes chunk <paramref name="index"/> of <paramref name="plan"/> in <paramref name="store"/>, or returns its
    /// stored summary when the chunk is already done and its artifacts verify.</summary>
    public Task<ChunkSummary> ProcessAsync(RunPlan plan, int index, IArtifactStore store, CancellationToken cancellationToken = default) =>
        ProcessAsync(plan, index, store, pairsDone: null, cancellationToken);

    /// <param name="pairsDone">Told, as the chunk goes, how many of its pairs are done (see <see cref="ChunkProgressMeter"/>):
    /// after each embedding batch and each pair a judge that takes time per pair settles. Nothing else changes: the same
    /// batches, the same calls, the same bytes.</param>
    public async Task<ChunkSummary> ProcessAsync(
        RunPlan plan, int index, IArtifactStore store, IProgress<int>? pairsDone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        if (await ReadFinishedAsync(plan, index, store, cancellationToken).ConfigureAwait(false) is { } done)
        {
            LogReused(index);
            return done;
        }

        var stopwatch = Stopwatch.StartNew();
        var pairs = await ReadPairsAsync(plan, index, store, cancellationToken).ConfigureAwait(false);

        // Geoids are keyed by (lang, echo): the same text in two languages is two geoids, as in the original.
        var texts = pairs.SelectMany(p => new[] { p.Text1.Trim(), p.Text2.Trim() }).ToArray();
        var meter = new ChunkProgressMeter(
            pairs.Count,
            texts.Distinct(StringComparer.Ordinal).Count(),
            plan.Judges.Count(name => _judges.TryGetValue(name, out var judge) && judge.ReportsEachPair),
            pairsDone);
        var embedded = await _embeddings.GetAsync(texts, meter.TextsEmbedded, cancellationToken).ConfigureAwait(false);
        var geoidsByKey = new Dictionary<(string Lang, string Echo), Geoid>();
        var geoids = new List<Geoid>();
        Geoid GeoidOf(string text, string lang)
        {
            var echo = text.Trim();
            if (!geoidsByKey.TryGetValue((lang, echo), out var geoid))
            {
                geoid = new Geoid(text, lang, embedded.VectorsByText[echo]);
                geoidsByKey.Add((lang, echo), geoid);
                geoids.Add(geoid);
            }

            return geoid;
        }

        var inputs = pairs.Select(p => new JudgeInput(p.PairId, GeoidOf(p.Text1, p.Lang1), GeoidOf(p.Text2, p.Lang2))).ToArray();

        async Task<(string Name, IReadOnlyList<Judgement> Verdicts)> JudgeAsync(string name, IPairJudge judge) =>
            (name, await judge.JudgeManyAsync(inputs, judge.ReportsEachPair ? meter.PairsJudged : null, cancellationToken).ConfigureAwait(false));

        // Resonance and judges see fresh, scar-free geoids (docs/algorithm.md, "The Kimera judge"), so judge first and cycle the reactor after.
        var resonances = inputs.Select(i => _resonance.Compute(i.First, i.Second)).ToArray();
        // The judges work side by side (two LLM judges on two endpoints each keep their own endpoint busy); each writes only
        // its own slot, so the results are the same whatever finishes first.
        var byJudge = new Dictionary<string, IReadOnlyList<Judgement>>(StringComparer.Ordinal);
        var running = new List<Task<(string Name, IReadOnlyList<Judgement> Verdicts)>>();
        foreach (var name in plan.Judges.Where(n => !RepeatColumns.TryParse(n, out _, out _) && !RepeatColumns.TryParseOrder(n, out _, out _)))
        {
            if (!_judges.TryGetValue(name, out var judge))
            {
                throw new InvalidOperationException($"The plan asks for judge '{name}', which is not configured here (configured: {string.Join(", ", _judges.Keys)}).");
            }

            running.Add(JudgeAsync(name, judge));
        }

        foreach (var (name, verdicts) in await Task.WhenAll(running).ConfigureAwait(false))
        {
            if (verdicts.Count != inputs.Length)
            {
                throw new InvalidOperationException($"Judge '{name}' returned {verdicts.Count} judgements for {inputs.Length} pairs.");
            }

            byJudge[name] = verdicts;
        }

        // Column order is the plan's: each judge, then its repeats (name@k) and its orders (name@ab, name@ba) taken from the
        // judge's combined verdicts.
        var judgements = new List<IReadOnlyList<Judgement>>(plan.Judges.Count);
        var tallies = new Dictionary<string, JudgeTally>(StringComparer.Ordinal);
        foreach (var name in plan.Judges)
        {
            var verdicts = RepeatColumns.TryParse(name, out var judgeName, out var repeat)
                ? RepeatOf(byJudge, judgeName, repeat, name)
                : RepeatColumns.TryParseOrder(name, out var orderedJudge, out var reversed)
                    ? OrderOf(byJudge, orderedJudge, reversed, name)
                    : byJudge[name];
            judgements.Add(verdicts);
            tallies[name] = JudgeTally.Of(verdicts);
        }

        var reactor = _reactor.Run(geoids, SeedOf(plan.Seed, index));

        await store.WriteAsync(RunArtifacts.ChunkResults(index), async (stream, ct) =>
        {
            await using var file = PairResultsFile.Create(stream, plan.Judges, slice: plan.SliceColumn is not null);
            for (var i = 0; i < pairs.Count; i++)
            {
                var row = judgements.Select(j => j[i]).ToArray();
                await file.WriteAsync(new PairResult(pairs[i], resonances[i], row), ct).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);

        // The checksum is taken from the stored file, so it vouches for what a later run will read.
        long length;
        string sha256;
        await using (var written = await store.OpenReadAsync(RunArtifacts.ChunkResults(index), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"'{RunArtifacts.ChunkResults(index)}' vanished from {store.Location} right after it was written."))
        {
            (length, sha256) = await ChunkArtifacts.HashAsync(written, cancellationToken).ConfigureAwait(false);
        }

        var summary = new ChunkSummary(
            index, pairs.Count, embedded.VectorsByText.Count, embedded.CacheHits, embedded.Computed,
            reactor, tallies, stopwatch.Elapsed.TotalMilliseconds, length, sha256);

        // The summary is written last: its presence (and the checksum it holds) marks the chunk done for resume.
        await PipelineJson.WriteAsync(store, RunArtifacts.ChunkSummary(index), summary, cancellationToken).ConfigureAwait(false);
        LogChunkDone(index, pairs.Count, embedded.CacheHits, embedded.Computed, stopwatch.Elapsed.TotalMilliseconds);
        return summary;
    }

    private static IReadOnlyList<Judgement> RepeatOf(Dictionary<string, IReadOnlyList<Judgement>> byJudge, string judge, int repeat, string column)
    {
        if (!byJudge.TryGetValue(judge, out var verdicts))
        {
            throw new InvalidOperationException($"The plan has column '{column}' but no judge '{judge}'.");
        }

        return [.. verdicts.Select(v => v.Repeats is { } repeats && repeat <= repeats.Count
            ? repeats[repeat - 1]
            : throw new InvalidOperationException($"Judge '{judge}' gave no repeat {repeat} for column '{column}'; the plan and the judge's repeats differ."))];
    }

    private static IReadOnlyList<Judgement> OrderOf(Dictionary<string, IReadOnlyList<Judgement>> byJudge, string judge, bool reversed, string column)
    {
        if (!byJudge.TryGetValue(judge, out var verdicts))
        {
            throw new InvalidOperationException($"The plan has column '{column}' but no judge '{judge}'.");
        }

        return [.. verdicts.Select(v => v.Orders is { Count: 2 } orders
            ? orders[reversed ? 1 : 0]
            : throw new InvalidOperationException($"Judge '{judge}' did not ask both orders for column '{column}'; the plan and the judge differ."))];
    }

    /// <summary>The reactor seed of one chunk: the run seed mixed with the chunk index, so chunks differ but repeat.</summary>
    public static int SeedOf(int runSeed, int chunkIndex) => unchecked((runSeed * 1_000_003) ^ chunkIndex);

    private static async Task<IReadOnlyList<BenchmarkPair>> ReadPairsAsync(RunPlan plan, int index, IArtifactStore store, CancellationToken cancellationToken)
    {
        var name = RunArtifacts.ChunkPairs(index);
        await using var stream = await store.OpenReadAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Chunk file '{name}' is missing from {store.Location}; plan the run again.");
        var pairs = await ChunkPairsFile.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        if (pairs.Count != plan.PairsInChunk(index))
        {
            throw new InvalidOperationException($"Chunk file '{name}' holds {pairs.Count} pairs; the plan expects {plan.PairsInChunk(index)}.");
        }

        return pairs;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Index} is recomputed: {Problem} in {Location}")]
    private partial void LogRecomputing(int index, string problem, string location);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chunk {Index} was already done; its stored summary is reused")]
    private partial void LogReused(int index);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chunk {Index}: {Pairs} pairs, {CacheHits} embeddings from cache, {Computed} computed, {ElapsedMs:F0} ms")]
    private partial void LogChunkDone(int index, int pairs, int cacheHits, int computed, double elapsedMs);
}
