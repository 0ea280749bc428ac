using System.Globalization;
using System.Text.Json.Nodes;
using Kimera.TestSupport;

namespace Kimera.Orchestration.RealHost;

/// <summary>Holds this host's ProcessChunk work items before they run (so before any LLM request is paid for): after the
/// first <paramref name="after"/> chunks, each further chunk leaves a marker <c>waiting-N</c> and waits until
/// <paramref name="releaseFile"/> exists, or until the process is killed when there is none. A test fills a host's activity
/// slots with chunks this way, then kills the host or starts another beside it (<see cref="ChildHostSettings.HoldChunksAfter"/>).</summary>
public sealed class ChunkHold(string markerDirectory, int after, string? releaseFile)
{
    private int _started;

    /// <summary>The chunks waiting, each with the process id of the host holding it.</summary>
    public static IReadOnlyList<(int Chunk, int ProcessId)> Waiting(string markerDirectory) =>
        [.. (Directory.Exists(markerDirectory) ? Directory.GetFiles(markerDirectory, "waiting-*") : [])
            .Select(f => (int.Parse(Path.GetFileName(f)["waiting-".Length..], CultureInfo.InvariantCulture), ProcessMarker.Read(f)))];

    /// <param name="input">The ProcessChunk activity's JSON input (<c>ChunkInput</c>), for the chunk's index.</param>
    public async Task BeforeChunkAsync(string input)
    {
        if (Interlocked.Increment(ref _started) <= after)
        {
            return;
        }

        var chunk = JsonNode.Parse(input)?.AsObject()
            .FirstOrDefault(p => string.Equals(p.Key, "index", StringComparison.OrdinalIgnoreCase)).Value?.GetValue<int>()
            ?? throw new InvalidOperationException($"ProcessChunk's input has no index: {input}");
        await ProcessMarker.WriteAsync(Path.Combine(markerDirectory, "waiting-" + chunk.ToString(CultureInfo.InvariantCulture)), CancellationToken.None).ConfigureAwait(false);
        if (releaseFile is null)
        {
            await Task.Delay(Timeout.Infinite).ConfigureAwait(false);
        }
        else
        {
            await FileArrival.WaitAsync(releaseFile, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
