using System.Globalization;
using Kimera.Pipeline.Model;

namespace Kimera.Cli;

/// <summary>Progress for logs and pipes: one line per finished chunk at most every two seconds, and the last one always.</summary>
public sealed class PlainProgressLines : IProgress<RunProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly TextWriter _output;
    private readonly Lock _gate = new();
    private TimeSpan? _last;

    public PlainProgressLines(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    public void Report(RunProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var finished = value.ChunksDone == value.ChunkCount;
            if (!finished && _last is { } last && value.Elapsed - last < Interval)
            {
                return;
            }

            _last = value.Elapsed;
            var eta = value.EstimatedRemaining is { } remaining ? remaining.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--";
            _output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"progress: {value.PairsDone}/{value.TotalPairs} pairs, {value.ChunksDone}/{value.ChunkCount} chunks, {value.PairsPerSecond:F1} pairs/s, eta {eta}"));
        }
    }
}
