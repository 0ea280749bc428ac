namespace Kimera.Judging;

/// <summary>The LLM judges <see cref="ILlmJudgeSource.Create"/> built, with what they share (rate gates): disposed together.</summary>
public sealed class LlmJudgeGroup : IDisposable
{
    private readonly IReadOnlyList<IDisposable> _owned;

    public LlmJudgeGroup(IReadOnlyList<IPairJudge> judges, IReadOnlyList<IDisposable> owned)
    {
        ArgumentNullException.ThrowIfNull(judges);
        ArgumentNullException.ThrowIfNull(owned);
        Judges = judges;
        _owned = owned;
    }

    public IReadOnlyList<IPairJudge> Judges { get; }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
