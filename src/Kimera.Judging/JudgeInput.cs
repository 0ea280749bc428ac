using Kimera.Engine.Geoids;

namespace Kimera.Judging;

/// <summary>A pair to judge: its id and the two geoids (texts, languages and vectors).</summary>
public sealed record JudgeInput(string PairId, Geoid First, Geoid Second);
