using Kimera.Pipeline.Artifacts;

namespace Kimera.Orchestration.RealHost;

/// <summary>The real run store, plus evidence for the crash tests: a marker file for every write of a chunk's results (one per
/// execution of ProcessChunk that did the work), and optionally chunks whose summary write never finishes, so the test
/// can kill the host while those chunks are in flight with its results already written. Each results marker holds the
/// process id of the host that wrote it, which is how a test tells which host ran which chunk.</summary>
public sealed class MarkingRunStoreFactory(IRunStoreFactory inner, string markerDirectory, IReadOnlyCollection<int> holdSummaries) : IRunStoreFactory
{
    /// <summary>Marker files of one chunk's executions.</summary>
    public static string[] Executions(string markerDirectory, int chunk) =>
        Directory.Exists(markerDirectory) ? Directory.GetFiles(markerDirectory, $"results-{chunk}-*") : [];

    /// <summary>The marker a held chunk leaves when it has reached its summary write.</summary>
    public static string HeldMarker(string markerDirectory, int chunk) => Path.Combine(markerDirectory, $"held-{chunk}");

    /// <summary>Chunks whose results each host process wrote: process id → number of result writes (executions that did the work).</summary>
    public static IReadOnlyDictionary<int, int> ResultWritesByProcess(string markerDirectory) =>
        (Directory.Exists(markerDirectory) ? Directory.GetFiles(markerDirectory, "results-*") : [])
            .GroupBy(ProcessMarker.Read)
            .ToDictionary(g => g.Key, g => g.Count());

    public IArtifactStore ForRun(string runId) => new Store(inner.ForRun(runId), this);

    private async Task BeforeWriteAsync(string name)
    {
        // Chunk artifacts carry their index in the name; checked against RunArtifacts so a renamed layout cannot slip by.
        var digits = new string(name.Where(char.IsAsciiDigit).ToArray());
        if (!int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var chunk))
        {
            return;
        }

        if (name == RunArtifacts.ChunkResults(chunk))
        {
            await ProcessMarker.WriteAsync(Path.Combine(markerDirectory, $"results-{chunk}-{Guid.NewGuid():N}"), CancellationToken.None).ConfigureAwait(false);
        }
        else if (name == RunArtifacts.ChunkSummary(chunk) && holdSummaries.Contains(chunk))
        {
            await File.WriteAllTextAsync(HeldMarker(markerDirectory, chunk), string.Empty).ConfigureAwait(false);
            // Held until the process is killed.
            await Task.Delay(Timeout.Infinite).ConfigureAwait(false);
        }
    }

    private sealed class Store(IArtifactStore inner, MarkingRunStoreFactory owner) : IArtifactStore
    {
        public string Location => inner.Location;

        public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default) => inner.OpenReadAsync(name, cancellationToken);

        public async Task WriteAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
        {
            await owner.BeforeWriteAsync(name).ConfigureAwait(false);
            await inner.WriteAsync(name, write, cancellationToken).ConfigureAwait(false);
        }

        public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) => inner.ExistsAsync(name, cancellationToken);

        public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeletePrefixAsync(prefix, cancellationToken);
    }
}
