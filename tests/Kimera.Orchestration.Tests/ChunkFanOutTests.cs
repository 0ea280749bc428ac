using Kimera.Orchestration.Contracts;
using Kimera.Pipeline.Model;

namespace Kimera.Orchestration.Tests;

/// <summary>How a range of chunks is split over sub-orchestrations: hand-computed splits, and the rules every split keeps.</summary>
public sealed class ChunkFanOutTests
{
    private static readonly RunPlan Plan = new("d.csv", "pairs", "f", 42, 2, 1_000_000, 2_000_000, ["kimera"]);

    [Theory]
    // 2,000 chunks, 100 per instance: 20 ranges of 100, one at a time with the whole window of 4 (4 / 4 = 1).
    [InlineData(2_000, 4, 100, new[] { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100 }, 4, 1)]
    // 10 chunks, 3 per instance: ceil(10 / 3) = 4 ranges would be more than 3, so 3 ranges of 4, 3 and 3.
    [InlineData(10, 2, 3, new[] { 4, 3, 3 }, 2, 1)]
    // A window of 150 over 3 ranges: 150 / 4 = 37 ranges at once would be more than there are: all 3, 50 in flight each.
    [InlineData(250, 150, 100, new[] { 84, 83, 83 }, 50, 3)]
    // 2,000 chunks with 16 in flight: 16 / 4 = 4 ranges at once, 4 chunks in flight each.
    [InlineData(2_000, 16, 100, new[] { 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100 }, 4, 4)]
    // A window of 6 over two ranges of 2: 6 / 4 = 1 range at once would leave 4 of it unused, so both at once, 3 each.
    [InlineData(4, 6, 2, new[] { 2, 2 }, 3, 2)]
    // One chunk over the fan-out: two ranges, 51 and 50, each with half of the window of 8.
    [InlineData(101, 8, 100, new[] { 51, 50 }, 4, 2)]
    public void A_range_is_split_into_at_most_fan_out_parts_sharing_the_window(
        int chunks, int window, int fanOut, int[] sizes, int partWindow, int atOnce)
    {
        var range = new ChunkGroupInput("run", Plan, 0, chunks, window, null, ActivityRetrySettings.Default, fanOut);

        var parts = ChunkFanOut.Split(range);

        Assert.Equal(sizes, parts.Select(p => p.Count));
        Assert.All(parts, p => Assert.Equal(partWindow, p.Window));
        Assert.Equal(atOnce, ChunkFanOut.Concurrency(window, parts));
    }

    [Theory]
    [InlineData(2_000_000, 1024, 100)]
    [InlineData(1_000_001, 3, 100)]
    [InlineData(10_001, 64, 100)]
    [InlineData(7, 1, 2)]
    [InlineData(200, 1024, 2)]
    public void Every_instance_of_the_tree_schedules_at_most_fan_out_tasks_covers_its_range_and_keeps_within_its_window(int chunks, int window, int fanOut)
    {
        var leaves = new List<ChunkGroupInput>();
        var pending = new Stack<ChunkGroupInput>([new ChunkGroupInput("run", Plan, 0, chunks, window, null, ActivityRetrySettings.Default, fanOut)]);
        var ids = new List<string>();
        while (pending.TryPop(out var range))
        {
            ids.Add(ChunkFanOut.InstanceId(range));
            if (range.Count <= fanOut)
            {
                leaves.Add(range);
                continue;
            }

            var parts = ChunkFanOut.Split(range);
            Assert.InRange(parts.Count, 2, fanOut);
            // In order and contiguous, and the windows of the parts running at once add up to at most the range's.
            AssertContiguous(range.First, range.Count, parts);
            Assert.InRange(Math.Min(parts.Count, ChunkFanOut.Concurrency(range.Window, parts)) * parts[0].Window, 1, range.Window);
            Assert.All(parts, p => Assert.Equal(parts[0].Window, p.Window));
            foreach (var part in parts)
            {
                pending.Push(part);
            }
        }

        Assert.Equal(chunks, leaves.Sum(l => l.Count));
        // Leaves run the chunks as activities: every chunk once, and every instance id of the tree is its own.
        AssertContiguous(0, chunks, [.. leaves.OrderBy(l => l.First)]);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The parts, in order, start where the range starts, each where the one before ended, and end where it ends.</summary>
    private static void AssertContiguous(int first, int count, IReadOnlyList<ChunkGroupInput> parts)
    {
        var next = first;
        foreach (var part in parts)
        {
            Assert.Equal(next, part.First);
            Assert.InRange(part.Count, 1, int.MaxValue);
            next += part.Count;
        }

        Assert.Equal(first + count, next);
    }
}
