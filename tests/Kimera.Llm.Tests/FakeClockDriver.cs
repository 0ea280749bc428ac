using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Llm.Tests;

/// <summary>Runs a judge and the fake server on one fake clock that moves only when both have gone quiet, in steps, until
/// the judging is done: minutes of timeouts, breaks and back-offs pass in seconds, and the time the judging took is a
/// value read off the clock, not a measurement.</summary>
/// <remarks>Quiet means that the server is working on no request (<see cref="FakeOpenAiServer.Busy"/>, an event) and that
/// no timer, arrival or answer has appeared over a few polls of the real clock. The polls are the one heuristic: on a
/// stalled machine the clock may move while the judge is still on its way to its next wait, which starts that wait up to
/// one step late. That can only lengthen the time read off the clock, by at most a step each time, and never ends an
/// answer under way (a step is shorter than any attempt timeout used with it).</remarks>
internal static class FakeClockDriver
{
    private const int QuietPolls = 3;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    /// <summary>Advances <paramref name="clock"/> by <paramref name="step"/> whenever the judge and <paramref name="server"/>
    /// are quiet, until <paramref name="work"/> completes; returns the clock's time from the call to the completion
    /// (to within a step). Throws when the clock passes <paramref name="giveUpAfter"/> first.</summary>
    public static async Task<TimeSpan> RunAsync(
        Task work, TimerWatchingFakeTimeProvider clock, FakeOpenAiServer server, TimeSpan step, TimeSpan giveUpAfter)
    {
        var start = clock.GetUtcNow();
        while (true)
        {
            await QuietAsync(work, clock, server);
            if (work.IsCompleted)
            {
                await work;
                return clock.GetUtcNow() - start;
            }

            if (clock.GetUtcNow() - start >= giveUpAfter)
            {
                throw new InvalidOperationException($"The judging had not ended after {giveUpAfter} on the fake clock.");
            }

            clock.Advance(step);
        }
    }

    private static async Task QuietAsync(Task work, TimerWatchingFakeTimeProvider clock, FakeOpenAiServer server)
    {
        var quiet = 0;
        var last = (-1, -1, -1);
        while (quiet < QuietPolls && !work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(Poll));
            var now = (clock.TimersCreated, server.Arrived, server.Requests.Count);
            quiet = now == last && server.Busy == 0 ? quiet + 1 : 0;
            last = now;
        }
    }
}
