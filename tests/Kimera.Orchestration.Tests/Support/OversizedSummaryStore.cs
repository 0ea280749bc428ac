using System.Text;
using System.Text.Json.Nodes;
using Kimera.Pipeline.Artifacts;

namespace Kimera.Orchestration.Tests.Support;

/// <summary>Makes one chunk's result larger than a queue message can carry, through the path a real oversized result would take:
/// the chunk's first attempt writes its files and then loses its completion (an injected fault after the writes), so the retry
/// returns the summary it reads back from the store; this store pads that summary's <c>judges</c> map with
/// <paramref name="paddingEntries"/> extra tallies (ignored by the aggregator, which reads the plan's judges only).</summary>
/// <remarks>ProcessChunk's real results are a few hundred bytes; the Azure Storage provider moves any message above about 45 KB
/// (its 64 KB queue limit less encoding) to a blob, and this is how a test gets one there.</remarks>
public sealed class OversizedSummaryStore(IRunStoreFactory inner, int chunk, int paddingEntries) : IRunStoreFactory
{
    private int _lostCompletions;

    public int Chunk => chunk;

    public int PaddingEntries => paddingEntries;

    /// <summary>How many times the chunk's completion was lost (1 when the scenario ran as meant).</summary>
    public int LostCompletions => _lostCompletions;

    /// <summary>Bytes of the padded summary as JSON, for the test to show it is above the limit.</summary>
    public int PaddedBytes { get; private set; }

    public IArtifactStore ForRun(string runId) => new Store(inner.ForRun(runId), this);

    private sealed class Store(IArtifactStore inner, OversizedSummaryStore owner) : IArtifactStore
    {
        public string Location => inner.Location;

        public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
        {
            var stream = await inner.OpenReadAsync(name, cancellationToken);
            if (stream is null || name != RunArtifacts.ChunkSummary(owner.Chunk))
            {
                return stream;
            }

            JsonNode summary;
            await using (stream)
            {
                summary = (await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken))!;
            }

            var judges = summary.AsObject().First(p => p.Key.Equals("judges", StringComparison.OrdinalIgnoreCase)).Value!.AsObject();
            var tally = judges.First().Value!;
            for (var i = 0; i < owner.PaddingEntries; i++)
            {
                judges[$"padding-judge-{i:D5}"] = tally.DeepClone();
            }

            var bytes = Encoding.UTF8.GetBytes(summary.ToJsonString());
            owner.PaddedBytes = bytes.Length;
            return new MemoryStream(bytes);
        }

        public async Task WriteAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(name, write, cancellationToken);
            if (name == RunArtifacts.ChunkSummary(owner.Chunk) && Interlocked.Increment(ref owner._lostCompletions) == 1)
            {
                throw new IOException($"injected: chunk {owner.Chunk} was written but its completion was lost");
            }
        }

        public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) => inner.ExistsAsync(name, cancellationToken);

        public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeletePrefixAsync(prefix, cancellationToken);
    }
}
