using System.Security.Cryptography;
using System.Text.Json;
using Kimera.Pipeline.Model;

namespace Kimera.Pipeline.Artifacts;

/// <summary>Whether a chunk's stored artifacts are whole: its summary parses, belongs to this chunk of this plan, and the
/// results file has exactly the length and SHA-256 the summary recorded when it was written.</summary>
public static class ChunkArtifacts
{
    /// <summary>The outcome of <see cref="VerifyAsync"/>: the summary when the chunk is done and whole; otherwise
    /// <see cref="Problem"/> says which file is wrong, or both are null when the chunk was simply never finished.</summary>
    public sealed record Verification(ChunkSummary? Summary, string? Problem)
    {
        public bool IsDone => Summary is not null;

        /// <summary>A summary that parsed but does not vouch for the chunk (its results are cut, missing or edited): what it
        /// records the judges spent was still paid, so the ledger keeps it when the chunk is redone.</summary>
        public ChunkSummary? Rejected { get; init; }
    }

    public static async Task<Verification> VerifyAsync(RunPlan plan, int index, IArtifactStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        var summaryName = RunArtifacts.ChunkSummary(index);
        var resultsName = RunArtifacts.ChunkResults(index);
        ChunkSummary? summary;
        try
        {
            summary = await PipelineJson.ReadAsync<ChunkSummary>(store, summaryName, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return new Verification(null, $"{summaryName} is damaged (not a valid chunk summary)");
        }

        if (summary is null)
        {
            return new Verification(null, null);
        }

        if (summary.Index != index || summary.Pairs != plan.PairsInChunk(index) || summary.Judges is null
            || !plan.Judges.All(summary.Judges.ContainsKey))
        {
            return new Verification(null, $"{summaryName} does not describe chunk {index} of this plan") { Rejected = summary };
        }

        if (summary.ResultsSha256 is null)
        {
            return new Verification(null, $"{summaryName} records no checksum of {resultsName} (written by an older version)") { Rejected = summary };
        }

        await using var results = await store.OpenReadAsync(resultsName, cancellationToken).ConfigureAwait(false);
        if (results is null)
        {
            return new Verification(null, $"{resultsName} is missing") { Rejected = summary };
        }

        var (length, sha256) = await HashAsync(results, cancellationToken).ConfigureAwait(false);
        if (length != summary.ResultsLength || !string.Equals(sha256, summary.ResultsSha256, StringComparison.Ordinal))
        {
            return new Verification(null, $"{resultsName} is damaged ({length} bytes, {summary.ResultsLength} expected, or its SHA-256 differs)") { Rejected = summary };
        }

        return new Verification(summary, null);
    }

    /// <summary>Length and SHA-256 (lower-case hex) of a whole stream.</summary>
    public static async Task<(long Length, string Sha256)> HashAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            length += read;
        }

        return (length, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
