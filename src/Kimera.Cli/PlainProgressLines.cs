using System.Globalization;
using Kimera.Pipeline.Model;

namespace Kimera.Cli;

/// <summary>Progress for logs and pipes: the first report at once, then a line every two seconds (on
/// <see cref="TimeProvider"/>'s clock) while the pairs done move, and the last one (every chunk done) at once. The run
/// reports within chunks (embedding batches, judged pairs), so the lines move during a long chunk too.</summary>
public sealed class PlainProgressLines : IProgress<RunProgress>, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly TextWriter _output;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private RunProgress? _latest;
    private RunProgress? _printed;

    public PlainProgressLines(TextWriter output, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _output = output;
        _timer = timeProvider.CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>"progress: 120/500 pairs, 0/1 chunks, 3.4 pairs/s, eta 00:01:55" (eta --:--:-- until a few pairs are done).</summary>
    public static string Line(RunProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"progress: {value.PairsDone}/{value.TotalPairs} pairs, {value.ChunksDone}/{value.ChunkCount} chunks, {value.PairsPerSecond:F1} pairs/s, eta {value.EstimatedRemainingText}");
    }

    public void Report(RunProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var first = _latest is null;
            _latest = value;
            if (first)
            {
                Print(value);
                _timer.Change(Interval, Interval);
            }
            else if (value.ChunksDone == value.ChunkCount && !Same(_printed, value))
            {
                Print(value);
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        lock (_gate)
        {
            if (_latest is { } latest && !Same(_printed, latest))
            {
                Print(latest);
            }
        }
    }

    private static bool Same(RunProgress? a, RunProgress b) => a is not null && a.PairsDone == b.PairsDone && a.ChunksDone == b.ChunksDone;

    private void Print(RunProgress value)
    {
        _printed = value;
        _output.WriteLine(Line(value));
        _output.Flush();
    }
}
