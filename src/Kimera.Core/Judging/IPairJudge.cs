namespace Kimera.Judging;

/// <summary>Decides whether the two texts of a pair contradict each other.</summary>
public interface IPairJudge
{
    /// <summary>Column prefix in <c>pairs.csv</c> and key in the statistics (<c>kimera</c>, <c>llm</c>).</summary>
    string Name { get; }

    /// <summary>Judges every pair; element <c>i</c> of the result belongs to <c>pairs[i]</c>.
    /// A pair the judge cannot judge gets <see cref="Judgement.Failed"/>, never an exception.</summary>
    Task<IReadOnlyList<Judgement>> JudgeManyAsync(IReadOnlyList<JudgeInput> pairs, CancellationToken cancellationToken = default);
}
