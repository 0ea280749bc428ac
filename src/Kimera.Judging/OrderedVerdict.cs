using System.Globalization;

namespace Kimera.Judging;

/// <summary>The verdict of a judge asked each pair in both orders, (text1, text2) and (text2, text1), each order K times: the
/// same rule as for repeats (<see cref="RepeatedVerdict"/>) over all 2K answers, so each order is one more set of answers and
/// neither is preferred. The mean of the judged answers' scores decides: a contradiction above 0.5, none at or below it (a
/// tie, one order sure of a contradiction and the other as sure of none, is no contradiction, the cautious side).</summary>
public static class OrderedVerdict
{
    /// <summary>One verdict of the answers of both orders. <paramref name="forward"/> and <paramref name="reversed"/> hold each
    /// order's answers (one per repeat, at least one each); the result carries each order's own verdict in
    /// <see cref="Judgement.Orders"/> (their repeats' majority) and, when there are repeats, the forward order's repeats in
    /// <see cref="Judgement.Repeats"/> (the repeat columns stay the noise of asking the same prompt again).</summary>
    public static Judgement Combine(IReadOnlyList<Judgement> forward, IReadOnlyList<Judgement> reversed)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(reversed);
        ArgumentOutOfRangeException.ThrowIfZero(forward.Count);
        ArgumentOutOfRangeException.ThrowIfZero(reversed.Count);
        var first = forward.Count == 1 ? forward[0] : RepeatedVerdict.Combine(forward);
        var second = reversed.Count == 1 ? reversed[0] : RepeatedVerdict.Combine(reversed);
        var all = RepeatedVerdict.Combine([.. forward, .. reversed]);
        var judged = forward.Concat(reversed).Where(r => r.IsJudged && r.Score is not null).ToArray();
        var contradictions = judged.Count(r => r.IsContradiction == true);
        var reasoning = all.IsJudged
            ? string.Create(CultureInfo.InvariantCulture,
                $"both orders: mean score {judged.Average(r => r.Score!.Value):0.###} of {judged.Length} answers ({contradictions} contradiction, {judged.Length - contradictions} not); (text1, text2) {Say(first)}, (text2, text1) {Say(second)}")
            : all.Reasoning;
        return all with
        {
            Reasoning = reasoning,
            Repeats = forward.Count > 1 ? first.Repeats : null,
            Orders = [first with { Usage = null, Repeats = null }, second with { Usage = null, Repeats = null }],
        };
    }

    private static string Say(Judgement judgement) => judgement.IsContradiction switch
    {
        true => "contradiction",
        false => "no contradiction",
        null => "no verdict",
    };
}
