namespace Kimera.Judging.Definitions;

/// <summary>What <see cref="JudgeFile"/> read: the judges it could read and every problem found (none when the set is usable).</summary>
public sealed record JudgeSetReadResult(IReadOnlyList<JudgeDefinition> Judges, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
