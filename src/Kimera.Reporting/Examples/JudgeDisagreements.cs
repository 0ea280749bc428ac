namespace Kimera.Reporting.Examples;

/// <summary>Pairs two judges both judged and answered differently, split by who said "contradiction", widest score gap first.</summary>
/// <param name="A">The first judge (Kimera when present).</param>
/// <param name="B">The second judge (the LLM when present).</param>
/// <param name="OnlyA">Pairs only <paramref name="A"/> called a contradiction.</param>
/// <param name="OnlyB">Pairs only <paramref name="B"/> called a contradiction.</param>
/// <param name="OnlyACount">How many pairs only <paramref name="A"/> called a contradiction.</param>
/// <param name="OnlyBCount">How many pairs only <paramref name="B"/> called a contradiction.</param>
public sealed record JudgeDisagreements(
    string A,
    string B,
    IReadOnlyList<ExamplePair> OnlyA,
    IReadOnlyList<ExamplePair> OnlyB,
    long OnlyACount,
    long OnlyBCount);
