namespace Kimera.Llm;

/// <summary>Turns the repeats' pair counts into pairs of the whole judge: one pair per <c>repeats</c> judgements, so that a
/// judge asking each pair several times side by side still reports progress in pairs.</summary>
internal sealed class RepeatProgress(IProgress<int> inner, int repeats) : IProgress<int>
{
    private long _judgements;
    private long _reported;

    public void Report(int value)
    {
        var pairs = Interlocked.Add(ref _judgements, value) / repeats;
        long before;
        do
        {
            before = Interlocked.Read(ref _reported);
            if (pairs <= before)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _reported, pairs, before) != before);

        inner.Report((int)(pairs - before));
    }
}
