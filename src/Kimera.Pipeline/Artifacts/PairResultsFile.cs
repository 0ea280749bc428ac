using CsvHelper;
using Kimera.Pipeline.Model;

namespace Kimera.Pipeline.Artifacts;

/// <summary>Writes result rows in the <c>pairs.csv</c> column contract:
/// <c>pair_id,text1,text2,lang,type,label,resonance</c>, then for each judge J
/// <c>J_pred,J_score,J_confidence,J_reasoning,J_error</c>.</summary>
public sealed class PairResultsFile : IAsyncDisposable
{
    private readonly CsvWriter _csv;
    private readonly int _judgeCount;

    private PairResultsFile(CsvWriter csv, int judgeCount)
    {
        _csv = csv;
        _judgeCount = judgeCount;
    }

    public static IReadOnlyList<string> Columns(IReadOnlyList<string> judges)
    {
        ArgumentNullException.ThrowIfNull(judges);
        var columns = new List<string> { "pair_id", "text1", "text2", "lang", "type", "label", "resonance" };
        foreach (var judge in judges)
        {
            columns.AddRange([$"{judge}_pred", $"{judge}_score", $"{judge}_confidence", $"{judge}_reasoning", $"{judge}_error"]);
        }

        return columns;
    }

    /// <summary>Starts a file: writes the header row. The stream stays open.</summary>
    public static PairResultsFile Create(Stream stream, IReadOnlyList<string> judges)
    {
        var csv = CsvWriter.Create(stream, CsvFormat.WriterOptions, leaveOpen: true);
        csv.WriteHeader(Columns(judges).ToArray());
        return new PairResultsFile(csv, judges.Count);
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
