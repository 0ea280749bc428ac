using CsvHelper;
using Kimera.Pipeline.Model;

namespace Kimera.Pipeline.Artifacts;

/// <summary>Writes result rows in the <c>pairs.csv</c> column contract:
/// <c>pair_id,text1,text2,lang,type,label,resonance</c> (with <c>slice</c> right after <c>type</c> when the dataset has a
/// slice column), then for each judge J <c>J_pred,J_score,J_confidence,J_reasoning,J_error</c>.</summary>
public sealed class PairResultsFile : IAsyncDisposable
{
    /// <summary>The column of <see cref="Kimera.Datasets.BenchmarkPair.Slice"/>, present only when the dataset has a slice column.</summary>
    public const string SliceColumn = "slice";

    private readonly CsvWriter _csv;
    private readonly int _judgeCount;
    private readonly bool _slice;

    private PairResultsFile(CsvWriter csv, int judgeCount, bool slice)
    {
        _csv = csv;
        _judgeCount = judgeCount;
        _slice = slice;
    }

    public static IReadOnlyList<string> Columns(IReadOnlyList<string> judges) => Columns(judges, slice: false);

    /// <param name="slice">True when the dataset has a slice column: <c>slice</c> follows <c>type</c>.</param>
    public static IReadOnlyList<string> Columns(IReadOnlyList<string> judges, bool slice)
    {
        ArgumentNullException.ThrowIfNull(judges);
        var columns = new List<string> { "pair_id", "text1", "text2", "lang", "type" };
        if (slice)
        {
            columns.Add(SliceColumn);
        }

        columns.AddRange(["label", "resonance"]);
        foreach (var judge in judges)
        {
            columns.AddRange([$"{judge}_pred", $"{judge}_score", $"{judge}_confidence", $"{judge}_reasoning", $"{judge}_error"]);
        }

        return columns;
    }

    /// <summary>Starts a file: writes the header row. The stream stays open.</summary>
    public static PairResultsFile Create(Stream stream, IReadOnlyList<string> judges) => Create(stream, judges, slice: false);

    /// <summary>Starts a file: writes the header row. The stream stays open.</summary>
    /// <param name="slice">True when the dataset has a slice column: each row carries its pair's slice after <c>type</c>.</param>
    public static PairResultsFile Create(Stream stream, IReadOnlyList<string> judges, bool slice)
    {
        var csv = CsvWriter.Create(stream, CsvFormat.WriterOptions, leaveOpen: true);
        csv.WriteHeader(Columns(judges, slice).ToArray());
        return new PairResultsFile(csv, judges.Count, slice);
    }

    public async Task WriteAsync(PairResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Judgements.Count != _judgeCount)
        {
            throw new ArgumentException(
                $"Pair '{result.Pair.PairId}' has {result.Judgements.Count} judgements for {_judgeCount} judges.", nameof(result));
        }

        var pair = result.Pair;
        _csv.WriteField(pair.PairId);
        _csv.WriteField(pair.Text1);
        _csv.WriteField(pair.Text2);
        _csv.WriteField(pair.Lang);
        _csv.WriteField(pair.Type);
        if (_slice)
        {
            _csv.WriteField(pair.Slice ?? string.Empty);
        }

        _csv.WriteField(CsvFormat.Bool(pair.Label));
        _csv.WriteField(CsvFormat.Number(result.Resonance));
        foreach (var judgement in result.Judgements)
        {
            _csv.WriteField(CsvFormat.Bool(judgement.IsContradiction));
            _csv.WriteField(CsvFormat.Number(judgement.Score));
            _csv.WriteField(CsvFormat.Number(judgement.Confidence));
            _csv.WriteField(judgement.Reasoning ?? string.Empty);
            _csv.WriteField(judgement.Error ?? string.Empty);
        }

        await _csv.EndRecordAsync(cancellationToken);
    }

    /// <summary>Copies a row already in this format (as read by <see cref="PairResultsReader"/>) unchanged.</summary>
    public async Task WriteRawAsync(IReadOnlyList<string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var field in fields)
        {
            _csv.WriteField(field);
        }

        await _csv.EndRecordAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
