namespace Kimera.Engine.Reactor;

/// <summary>What one reactor cycle did.</summary>
/// <param name="PairsProcessed">Consecutive pairs walked: geoid count / 2.</param>
/// <param name="NewScars">Scars created by this cycle, in creation order.</param>
public sealed record ReactorCycleResult(int PairsProcessed, IReadOnlyList<Scar> NewScars);
