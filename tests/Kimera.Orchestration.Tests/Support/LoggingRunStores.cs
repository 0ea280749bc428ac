using Kimera.Pipeline.Artifacts;
using Microsoft.Extensions.Logging;

namespace Kimera.Orchestration.Tests.Support;

/// <summary>Stores that write a log line (at Warning, so the test hosts' level keeps it) for every artifact written: lines that
/// Kimera's code did not write itself, from inside the activities, as a judge's or the HTTP client's would be.</summary>
public sealed partial class LoggingRunStores(IRunStoreFactory inner, ILogger<LoggingRunStores> logger) : IRunStoreFactory
{
    public IArtifactStore ForRun(string runId) => new Store(inner.ForRun(runId), this);

    [LoggerMessage(Level = LogLevel.Warning, Message = "wrote {Name}")]
    private partial void LogWrote(string name);

    private sealed class Store(IArtifactStore inner, LoggingRunStores owner) : IArtifactStore
    {
        public string Location => inner.Location;

        public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default) => inner.OpenReadAsync(name, cancellationToken);

        public async Task WriteAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(name, write, cancellationToken);
            owner.LogWrote(name);
        }

        public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) => inner.ExistsAsync(name, cancellationToken);

        public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeletePrefixAsync(prefix, cancellationToken);
    }
}
