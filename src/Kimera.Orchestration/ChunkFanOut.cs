using Kimera.Orchestration.Contracts;
using Kimera.Pipeline.Model;
using Microsoft.DurableTask;

namespace Kimera.Orchestration;

/// <summary>Runs a range of chunks from an orchestration with a bounded history: a range of at most
/// <see cref="ChunkGroupInput.FanOut"/> chunks as ProcessChunk activities in a sliding window; a larger range as at most
/// FanOut sub-ranges, each a <see cref="ChunkGroupOrchestrator"/> instance (recursively), so no instance ever schedules more
/// than FanOut tasks, whatever the run's size.</summary>
/// <remarks>The window is shared, never exceeded: sub-ranges run in a sliding window of k instances, each given
/// <c>Window / k</c>, with k = <c>Window / </c><see cref="MinWindowPerRange"/> (at least 1, at most the sub-ranges), or more
/// when the window is wider than a sub-range. A range's window drains at its end before the next range takes its place:
/// the price of a bounded history, about <c>Window / (2 · k · FanOut)</c> of the throughput.
/// Replay-safe: the split, the windows and the instance ids depend on the input only.</remarks>
public static class ChunkFanOut
{
    /// <summary>The narrowest window a range gets when the run's window is split among ranges running at once.</summary>
    public const int MinWindowPerRange = 4;

    /// <param name="finished">Called, in the orchestration, whenever chunks finish: once per chunk for a range run as
    /// activities, once per sub-range (with its totals) otherwise.</param>
    public static async Task<ChunkGroupResult> RunAsync(TaskOrchestrationContext context, ChunkGroupInput range, Action<ChunkGroupResult>? finished)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(range);
        ArgumentOutOfRangeException.ThrowIfLessThan(range.FanOut, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(range.Window, 1);
        var retry = BenchmarkOrchestrator.RetryOptions(range.Retry);
        var chunks = 0;
        long pairs = 0;
        void Add(ChunkGroupResult done)
        {
            chunks += done.Chunks;
            pairs += done.Pairs;
            finished?.Invoke(done);
        }

        if (range.Count <= range.FanOut)
        {
            await SlidingWindowAsync(
                range.Count,
                range.Window,
                i => context.CallActivityAsync<ChunkSummary>(
                    OrchestrationNames.ProcessChunk, new ChunkInput(range.RunId, range.Plan, range.First + i, range.LlmShare), retry),
                summary => Add(new ChunkGroupResult(1, summary.Pairs)));
        }
        else
        {
            var parts = Split(range);
            await SlidingWindowAsync(
                parts.Count,
                Concurrency(range.Window, parts),
                i => context.CallSubOrchestratorAsync<ChunkGroupResult>(
                    OrchestrationNames.ChunkGroup, parts[i], new SubOrchestrationOptions { InstanceId = InstanceId(parts[i]) }),
                Add);
        }

        return new ChunkGroupResult(chunks, pairs);
    }

    /// <summary>At most FanOut sub-ranges, as few as keep each within FanOut chunks (when that is possible), sizes differing by at
    /// most one chunk, in chunk order, each with its part of the window.</summary>
    public static IReadOnlyList<ChunkGroupInput> Split(ChunkGroupInput range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var count = (int)Math.Min(range.FanOut, ((long)range.Count + range.FanOut - 1) / range.FanOut);
        var size = range.Count / count;
        var larger = range.Count % count;
        var largest = size + (larger > 0 ? 1 : 0);
        // Enough instances at once to fill the window when it is wider than a range, and one per MinWindowPerRange chunks of it:
        // an instance's episodes run one at a time, so several instances spread the orchestration's own work over the task
        // hub's partitions, while a window of a few chunks each still lets one episode take several completions.
        var concurrent = Math.Min(count, Math.Max((range.Window + largest - 1) / largest, Math.Max(1, range.Window / MinWindowPerRange)));
        var window = range.Window / concurrent;
        var parts = new List<ChunkGroupInput>(count);
        var first = range.First;
        for (var i = 0; i < count; i++)
        {
            var length = size + (i < larger ? 1 : 0);
            parts.Add(range with { First = first, Count = length, Window = window });
            first += length;
        }

        return parts;
    }

    /// <summary>How many sub-ranges run at once: their windows (all equal) add up to at most the range's.</summary>
    public static int Concurrency(int window, IReadOnlyList<ChunkGroupInput> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Count == 0 ? 1 : Math.Max(1, window / parts[0].Window);
    }

    /// <summary>The sub-orchestration's instance id: the run's id and the chunk range, unique in the run and the same on replay.</summary>
    public static string InstanceId(ChunkGroupInput range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return FormattableString.Invariant($"{InstanceIdPrefix(range.RunId)}{range.First:D5}-{range.First + range.Count - 1:D5}");
    }

    /// <summary>What the instance ids of every chunk-range sub-orchestration of run <paramref name="runId"/> start with, at any depth.</summary>
    public static string InstanceIdPrefix(string runId) => $"{runId}:chunks-";

    /// <summary>Starts task 0.. in order with at most <paramref name="window"/> running; whenever one finishes the next starts.
    /// A task that failed fails the whole with its error (after its own retries).</summary>
    private static async Task SlidingWindowAsync<T>(int count, int window, Func<int, Task<T>> start, Action<T> finished)
    {
        var inFlight = new List<Task<T>>(Math.Min(count, window));
        var next = 0;
        while (next < count && inFlight.Count < window)
        {
            inFlight.Add(start(next++));
        }

        while (inFlight.Count > 0)
        {
            var done = await Task.WhenAny(inFlight);
            inFlight.Remove(done);
            finished(await done);
            if (next < count)
            {
                inFlight.Add(start(next++));
            }
        }
    }
}
