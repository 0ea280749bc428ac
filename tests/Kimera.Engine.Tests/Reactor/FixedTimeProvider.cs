namespace Kimera.Engine.Tests.Reactor;

/// <summary>A clock that always says the same time, so scar timestamps can be asserted.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
