using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kimera.Judging.Definitions;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Model;
using Kimera.Storage.FileSystem;

namespace Kimera.Cli.Serve;

/// <summary>
/// Reads the run folders under one directory (docs/outputs.md) into the runs list of <c>kimera serve</c>: each folder's
/// status from its files (<see cref="LocalRunStatus"/>), its progress from the chunk summaries the plan expects
/// (<c>results/NNNNN.json</c>: a chunk is done when its summary exists), its LLM spend from the folder's spend ledger
/// (<see cref="LlmSpendLedger"/>, as the Functions app reads it) and, once finished, each judge's headline numbers from
/// <c>report.json</c>. Reading never writes: a live <c>kimera run</c> is seen through <see cref="RunFolderLock.IsHeld"/>.
/// </summary>
public sealed class RunFolderReader
{
    private readonly string _root;

    public RunFolderReader(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    /// <summary>The served directory (full path).</summary>
    public string Root => _root;

    /// <summary>Every run folder (a folder with a plan, or one a live run holds), newest first (by creation, then id).</summary>
    public async Task<IReadOnlyList<LocalRunSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_root))
        {
            return [];
        }

        var runs = new List<LocalRunSummary>();
        foreach (var folder in Directory.EnumerateDirectories(_root))
        {
            if (await SummarizeAsync(folder, cancellationToken).ConfigureAwait(false) is { } run)
            {
                runs.Add(run);
            }
        }

        return [.. runs.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>One run with its headline numbers; null for an id that names no run folder.</summary>
    public async Task<LocalRunDetail?> ReadAsync(string id, CancellationToken cancellationToken = default)
    {
        if (FolderOf(id) is not { } folder || await SummarizeAsync(folder, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return null;
        }

        var report = await ReadReportAsync(folder, cancellationToken).ConfigureAwait(false);
        return new LocalRunDetail(
            run,
            report is null ? [] : Headlines(report),
            File.Exists(Path.Combine(folder, RunArtifacts.ReportHtml)),
            report is null ? [] : Examples(report));
    }

    /// <summary>How many mistakes of each kind the run view shows per judge (the report has the rest).</summary>
    public const int ExamplesPerKind = 3;

    /// <summary>The folder of run <paramref name="id"/>: a folder directly under the served directory, never a path that
    /// leaves it; null when there is none.</summary>
    public string? FolderOf(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id is "." or ".." || id.IndexOfAny(['/', '\\']) >= 0 || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return null;
        }

        var folder = Path.Combine(_root, id);
        return Directory.Exists(folder) ? folder : null;
    }

    private static async Task<LocalRunSummary?> SummarizeAsync(string folder, CancellationToken cancellationToken)
    {
        var id = Path.GetFileName(folder);
        var locked = RunFolderLock.IsHeld(folder);
        var planFile = new FileInfo(Path.Combine(folder, RunArtifacts.Plan));
        if (!planFile.Exists)
        {
            // A live run that has not written its plan yet; any other folder without a plan is not a run.
            return locked
                ? new LocalRunSummary(id, null, LocalRunStatus.Running, Directory.GetCreationTimeUtc(folder), Directory.GetLastWriteTimeUtc(folder), null, [], null, null, null)
                : null;
        }

        var store = new FileSystemArtifactStore(folder);
        RunPlan? plan;
        try
        {
            plan = await PipelineJson.ReadAsync<RunPlan>(store, RunArtifacts.Plan, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            plan = null;
        }

        var created = new DateTimeOffset(planFile.LastWriteTimeUtc, TimeSpan.Zero);
        if (plan is null)
        {
            var status = locked ? LocalRunStatus.Running : LocalRunStatus.Failed;
            var error = locked ? null : new LocalRunError("DamagedPlan", $"{RunArtifacts.Plan} is damaged (not a valid plan).");
            return new LocalRunSummary(id, null, status, created, created, null, [], null, null, error);
        }

        var (chunksDone, pairsDone, lastChunk) = ChunksDone(folder, plan);
        var reportFile = new FileInfo(Path.Combine(folder, RunArtifacts.Report));
        var report = reportFile.Exists ? await ReadReportAsync(folder, cancellationToken).ConfigureAwait(false) : null;
        var updated = new[] { created, lastChunk, reportFile.Exists ? new DateTimeOffset(reportFile.LastWriteTimeUtc, TimeSpan.Zero) : created }.Max();
        var stage = reportFile.Exists ? "completed" : chunksDone == plan.ChunkCount ? "aggregating" : "processing";
        var progress = new LocalRunProgress(stage, chunksDone, plan.ChunkCount, pairsDone, plan.TotalPairs);
        var (runStatus, runError) = (locked, reportFile.Exists, chunksDone) switch
        {
            (true, _, _) => (LocalRunStatus.Running, null),
            (false, true, _) => report is not null && FailedJudge(report) is { } failure
                ? (LocalRunStatus.Failed, new LocalRunError("JudgeFailed", failure))
                : (LocalRunStatus.Finished, (LocalRunError?)null),
            (false, false, 0) => (LocalRunStatus.Planned, null),
            _ => (LocalRunStatus.Stopped, null),
        };
        var judges = plan.ResolvedJudges();
        var llmJudges = judges.Where(j => j.Kind == JudgeKinds.Llm).Select(j => j.Name).ToList();
        decimal? spend = llmJudges.Count == 0 ? null : await SpendAsync(plan, store, llmJudges, cancellationToken).ConfigureAwait(false);
        return new LocalRunSummary(id, plan.Dataset, runStatus, created, updated, progress, plan.Judges, spend, null, runError);
    }

    /// <summary>Chunks whose summary exists, their pairs (as the plan sizes them) and the newest summary's write time.</summary>
    private static (int Chunks, long Pairs, DateTimeOffset Newest) ChunksDone(string folder, RunPlan plan)
    {
        var chunks = 0;
        var pairs = 0L;
        var newest = DateTimeOffset.MinValue;
        for (var i = 0; i < plan.ChunkCount; i++)
        {
            var summary = new FileInfo(Path.Combine(folder, RunArtifacts.ChunkSummary(i)));
            if (summary.Exists)
            {
                chunks++;
                pairs += plan.PairsInChunk(i);
                var written = new DateTimeOffset(summary.LastWriteTimeUtc, TimeSpan.Zero);
                newest = written > newest ? written : newest;
            }
        }

        return (chunks, pairs, newest);
    }

    /// <summary>What the LLM judges spent, as a restart's budget check counts it (verified chunks and the folder's records).</summary>
    private static async Task<decimal> SpendAsync(RunPlan plan, FileSystemArtifactStore store, IReadOnlyList<string> llmJudges, CancellationToken cancellationToken)
    {
        var total = 0m;
        foreach (var judge in llmJudges)
        {
            var (inChunks, _) = await LlmSpendLedger.ReadChunksAsync(plan, store, judge, cancellationToken).ConfigureAwait(false);
            total += inChunks + await LlmSpendLedger.ReadUnaccountedInRunAsync(plan, store, judge, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    private static async Task<JsonNode?> ReadReportAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, RunArtifacts.Report);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Each judge of <c>statistics.judges</c> (docs/outputs.md), in the report's order.</summary>
    private static List<JudgeHeadline> Headlines(JsonNode report) =>
        report["statistics"]?["judges"] is JsonObject judges
            ? [.. judges.Select(j => new JudgeHeadline(
                j.Key,
                Number(j.Value?["accuracy"]),
                Number(j.Value?["f1"]),
                Number(j.Value?["auroc"]),
                (long)(Number(j.Value?["judged"]) ?? 0),
                (long)(Number(j.Value?["errors"]) ?? 0),
                j.Value?["error_causes"] is JsonArray causes
                    ? [.. causes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c?["cause"]} ({c?["count"]})"))]
                    : []))]
            : [];

    /// <summary>Each judge's first <see cref="ExamplesPerKind"/> missed contradictions and false alarms of
    /// <c>examples.mistakes</c> (docs/outputs.md), most typical first as the report orders them.</summary>
    private static List<RunExample> Examples(JsonNode report) =>
        report["examples"]?["mistakes"] is JsonArray mistakes
            ? [.. mistakes.SelectMany(m => Kind(m, "missed_contradictions", "missed").Concat(Kind(m, "false_alarms", "false_alarm")))]
            : [];

    private static IEnumerable<RunExample> Kind(JsonNode? mistakes, string property, string kind)
    {
        var judge = mistakes?["judge"]?.GetValue<string>() ?? string.Empty;
        return mistakes?[property] is JsonArray pairs
            ? pairs.Take(ExamplesPerKind).Select(p =>
            {
                var verdict = p?["verdicts"] is JsonArray verdicts
                    ? verdicts.FirstOrDefault(v => v?["judge"]?.GetValue<string>() == judge)
                    : null;
                return new RunExample(
                    judge,
                    kind,
                    p?["pair_id"]?.GetValue<string>() ?? string.Empty,
                    p?["text1"]?.GetValue<string>() ?? string.Empty,
                    p?["text2"]?.GetValue<string>() ?? string.Empty,
                    Number(verdict?["score"]),
                    verdict?["reasoning"]?.GetValue<string>());
            })
            : [];
    }

    /// <summary>The first judge that failed on every pair (no verdict, some errors), as <c>kimera run</c> reports it; null when none did.</summary>
    private static string? FailedJudge(JsonNode report) =>
        Headlines(report).FirstOrDefault(j => j.Judged == 0 && j.Errors > 0) is { } failed
            ? $"The {failed.Judge} judge failed on every pair ({failed.Errors} errors{(failed.ErrorCauses.Count > 0 ? ": " + string.Join(", ", failed.ErrorCauses) : string.Empty)})."
            : null;

    private static double? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;
}
