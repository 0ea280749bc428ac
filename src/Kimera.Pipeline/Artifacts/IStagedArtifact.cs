namespace Kimera.Pipeline.Artifacts;

/// <summary>An artifact written but not yet visible (see <see cref="IArtifactStore.StageAsync"/>): <see cref="CommitAsync"/>
/// makes it replace the artifact of that name atomically; disposing it uncommitted discards it and leaves the old one.</summary>
public interface IStagedArtifact : IAsyncDisposable
{
    string Name { get; }

    Task CommitAsync(CancellationToken cancellationToken = default);
}
