namespace Kimera.Judging;

/// <summary>Decides whether the two texts of a pair contradict each other.</summary>
public interface IPairJudge
{
    /// <summary>Column prefix in <c>pairs.csv</c> and key in the statistics (<c>kimera</c>, <c>llm</c>).</summary>
    string Name { get; }

    /// <summary>Judges every pair; element <c>i</c> of the result belongs to <c>pairs[i]</c>.
    /// A pair the judge cannot judge gets <see cref="Judgement.Failed"/>, never an exception.</summary>
    Task<IReadOnlyList<Judgement>> JudgeManyAsync(IReadOnlyList<JudgeInput> pairs, CancellationToken cancellationToken = default);

    /// <summary>True when the judge takes time per pair (requests) and reports each pair through
    /// <see cref="JudgeManyAsync(IReadOnlyList{JudgeInput}, IProgress{int}, CancellationToken)"/>; false for a judge that
    /// decides all pairs at once from what is already computed (the Kimera judge), which is then no stage of a chunk's progress.</summary>
    bool ReportsEachPair => false;

    /// <summary>Judges as <see cref="JudgeManyAsync(IReadOnlyList{JudgeInput}, CancellationToken)"/> does, telling
    /// <paramref name="pairsJudged"/> how many pairs each step settled (an increment). This default reports all pairs at the end.</summary>
    async Task<IReadOnlyList<Judgement>> JudgeManyAsync(IReadOnlyList<JudgeInput> pairs, IProgress<int>? pairsJudged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var judgements = await JudgeManyAsync(pairs, cancellationToken).ConfigureAwait(false);
        pairsJudged?.Report(pairs.Count);
        return judgements;
    }
}
