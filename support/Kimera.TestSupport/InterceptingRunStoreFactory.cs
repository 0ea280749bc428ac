using Kimera.Pipeline.Artifacts;

namespace Kimera.TestSupport;

/// <summary>Wraps real stores and calls <c>beforeWrite(runId, name)</c> before each write: the test's way to inject
/// a fault or hold a chunk back. The files themselves are written by the real store.</summary>
public sealed class InterceptingRunStoreFactory(IRunStoreFactory inner, Func<string, string, Task> beforeWrite) : IRunStoreFactory
{
    public IArtifactStore ForRun(string runId) => new Store(inner.ForRun(runId), name => beforeWrite(runId, name));

    private sealed class Store(IArtifactStore inner, Func<string, Task> beforeWrite) : IArtifactStore
    {
        public string Location => inner.Location;

        public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default) => inner.OpenReadAsync(name, cancellationToken);

        public async Task WriteAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
        {
            await beforeWrite(name);
            await inner.WriteAsync(name, write, cancellationToken);
        }

        public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) => inner.ExistsAsync(name, cancellationToken);

        public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeletePrefixAsync(prefix, cancellationToken);
    }
}
