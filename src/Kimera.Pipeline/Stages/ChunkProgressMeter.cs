namespace Kimera.Pipeline.Stages;

/// <summary>
/// How far one chunk is, in pairs, while <see cref="ChunkProcessor"/> works on it: the chunk's stages are embedding its
/// distinct texts and each judge that takes time per pair (<see cref="Judging.IPairJudge.ReportsEachPair"/>, the LLM), and
/// each stage counts for an equal share of the chunk's pairs. A judge that decides every pair at once from the vectors
/// (the Kimera judge, a few milliseconds a chunk) is no stage, so a Kimera-only chunk moves with its embedding batches.
/// Reports only increases, each as the chunk's pairs done so far (a total, rounded down).
/// </summary>
internal sealed class ChunkProgressMeter
{
    private readonly Lock _gate = new();
    private readonly int _pairs;
    private readonly int _texts;
    private readonly int _stages;
    private readonly IProgress<int>? _pairsDone;
    private long _embedded;
    private long _judged;
    private int _reported;

    public ChunkProgressMeter(int pairs, int distinctTexts, int judgeStages, IProgress<int>? pairsDone)
    {
        _pairs = pairs;
        _texts = distinctTexts;
        _stages = 1 + judgeStages;
        _pairsDone = pairsDone;
        TextsEmbedded = new Increment(this, isEmbedding: true);
        PairsJudged = new Increment(this, isEmbedding: false);
    }

    /// <summary>Told each step of the embedding (texts settled).</summary>
    public IProgress<int> TextsEmbedded { get; }

    /// <summary>Told each step of a judge that reports each pair (pairs settled).</summary>
    public IProgress<int> PairsJudged { get; }

    private void Add(bool isEmbedding, int count)
    {
        if (_pairsDone is null || count <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (isEmbedding)
            {
                _embedded += count;
            }
            else
            {
                _judged += count;
            }

            var embedded = _texts == 0 ? 1.0 : Math.Min(1.0, (double)_embedded / _texts);
            var judged = _pairs == 0 ? 0.0 : Math.Min(_stages - 1, (double)_judged / _pairs);
            var done = (int)Math.Floor(_pairs * (embedded + judged) / _stages);
            if (done > _reported)
            {
                _reported = done;
                _pairsDone.Report(done);
            }
        }
    }

    private sealed class Increment(ChunkProgressMeter meter, bool isEmbedding) : IProgress<int>
    {
        public void Report(int value) => meter.Add(isEmbedding, value);
    }
}
