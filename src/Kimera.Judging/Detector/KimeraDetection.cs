namespace Kimera.Judging.Detector;

/// <summary>The Kimera judge's answer for one pair, with the resonance it computed and the rule that decided.</summary>
/// <param name="Judgement">Verdict, confidence and reasoning (never failed).</param>
/// <param name="Resonance">Resonance of the two geoids, reported per pair.</param>
/// <param name="Rule">The first rule that matched.</param>
public sealed record KimeraDetection(Judgement Judgement, double Resonance, KimeraRule Rule)
{
    /// <summary>The verdict.</summary>
    public bool IsContradiction => Judgement.IsContradiction == true;

    /// <summary>The confidence in the verdict.</summary>
    public double Confidence => Judgement.Confidence ?? 0;
}
