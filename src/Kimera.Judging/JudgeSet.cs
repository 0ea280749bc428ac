namespace Kimera.Judging;

/// <summary>The judges of one run or one chunk, in column order, together with the ones it owns (disposed with the set).</summary>
public sealed class JudgeSet : IDisposable
{
    private readonly IReadOnlyList<IDisposable> _owned;

    internal JudgeSet(IReadOnlyList<string> names, IReadOnlyList<IPairJudge> judges, IReadOnlyList<IDisposable> owned)
    {
        Names = names;
        Judges = judges;
        _owned = owned;
    }

    /// <summary>Judge names in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<IPairJudge> Judges { get; }

    public void Dispose()
    {
        foreach (var judge in _owned)
        {
            judge.Dispose();
        }
    }
}
