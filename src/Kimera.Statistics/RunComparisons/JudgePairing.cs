namespace Kimera.Statistics.RunComparisons;

/// <summary>Which judge of run A is compared with which judge of run B: their names and their positions in
/// <see cref="MatchedPair.A"/> and <see cref="MatchedPair.B"/>.</summary>
public sealed record JudgePairing(string A, int IndexA, string B, int IndexB)
{
    /// <summary>"kimera" when both runs name the judge alike, else "kimera → kimera_t07".</summary>
    public string Name => NameOf(A, B);

    /// <summary>The name of judge <paramref name="a"/> of run A compared with judge <paramref name="b"/> of run B.</summary>
    public static string NameOf(string a, string b) => a.Equals(b, StringComparison.Ordinal) ? a : $"{a} → {b}";
}
