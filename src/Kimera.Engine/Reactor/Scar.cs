namespace Kimera.Engine.Reactor;

/// <summary>A low-resonance encounter between two geoids (docs/algorithm.md, "Scars and reactor cycles").</summary>
/// <param name="ScarId">Deterministic UUID-shaped id (see <see cref="ScarRegistry.NextScarId"/>); the original used uuid4.</param>
/// <param name="GidPair">The gids of the two geoids, in pair order.</param>
/// <param name="Weight"><c>1 - r</c> for the resonance <c>r</c> that caused the scar.</param>
/// <param name="Timestamp">When the scar was created (from the reactor's <see cref="TimeProvider"/>).</param>
public sealed record Scar(string ScarId, (string First, string Second) GidPair, double Weight, DateTimeOffset Timestamp);
