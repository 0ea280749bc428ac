using Microsoft.Extensions.Time.Testing;

namespace Kimera.Llm.Tests;

/// <summary>A <see cref="FakeTimeProvider"/> that lets a test await the creation of timers. Advancing the clock before
/// the judge has started a wait would start that wait late, so a test first awaits the timer, then advances past it.</summary>
internal sealed class TimerWatchingFakeTimeProvider : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _dueTimes = [];
    private readonly List<(Predicate<TimeSpan> Match, int Count, TaskCompletionSource<IReadOnlyList<TimeSpan>> Signal)> _waiting = [];

    /// <summary>Timers created so far: a count that moves while the judge is doing something.</summary>
    public int TimersCreated
    {
        get
        {
            lock (_gate)
            {
                return _dueTimes.Count;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _dueTimes.Add(dueTime);
            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (TrySignal(_waiting[i].Match, _waiting[i].Count, _waiting[i].Signal))
                {
                    _waiting.RemoveAt(i);
                }
            }
        }

        return timer;
    }

    /// <summary>Completes when <paramref name="count"/> timers whose due time matches have been created since the clock
    /// was made, with their due times in the order they were created.</summary>
    public Task<IReadOnlyList<TimeSpan>> WhenTimersCreatedAsync(int count, Predicate<TimeSpan> dueTime)
    {
        // Continuations run elsewhere so that the judge's thread creating the timer is not borrowed by the test.
        var signal = new TaskCompletionSource<IReadOnlyList<TimeSpan>>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (!TrySignal(dueTime, count, signal))
            {
                _waiting.Add((dueTime, count, signal));
            }
        }

        return signal.Task;
    }

    private bool TrySignal(Predicate<TimeSpan> match, int count, TaskCompletionSource<IReadOnlyList<TimeSpan>> signal)
    {
        var matching = _dueTimes.Where(d => match(d)).ToArray();
        return matching.Length >= count && signal.TrySetResult(matching[..count]);
    }
}
