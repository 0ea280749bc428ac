using CsvHelper;
using Kimera.Datasets;
using Kimera.Engine.Geoids;
using Kimera.Judging;

namespace Kimera.Pipeline.Artifacts;

/// <summary>Reads and writes the planned pairs of one chunk (<c>chunks/NNNNN.csv</c>).</summary>
public static class ChunkPairsFile
{
    private static readonly string[] Header = ["pair_id", "text1", "text2", "lang1", "lang2", "type", "label"];

    public static async Task WriteAsync(Stream stream, IEnumerable<BenchmarkPair> pairs, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(stream, CsvFormat.WriterOptions, leaveOpen: true);
        csv.WriteHeader(Header);
        foreach (var pair in pairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.WriteField(pair.PairId);
            csv.WriteField(pair.Text1);
            csv.WriteField(pair.Text2);
            csv.WriteField(pair.Lang1);
            csv.WriteField(pair.Lang2);
            csv.WriteField(pair.Type);
            csv.WriteField(CsvFormat.Bool(pair.Label));
            await csv.EndRecordAsync(cancellationToken);
        }
    }

    public static async Task<IReadOnlyList<BenchmarkPair>> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using var csv = CsvReader.Create(stream, CsvFormat.ReaderOptions, leaveOpen: true);
        var pairs = new List<BenchmarkPair>();
        while (await csv.ReadAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            pairs.Add(new BenchmarkPair(
                csv.GetString("pair_id"),
                csv.GetString("text1"),
                csv.GetString("text2"),
                csv.GetString("lang1"),
                csv.GetString("lang2"),
                csv.GetString("type"),
                CsvFormat.ParseBool(csv.GetString("label"))));
        }

        return pairs;
    }

    /// <summary>The pairs of the given chunks as judge inputs with texts only (no vectors): what cost estimates,
    /// cache look-ups and the LLM preflight need.</summary>
    public static async Task<List<JudgeInput>> ReadTextPairsAsync(IArtifactStore store, IEnumerable<int> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(chunks);
        var inputs = new List<JudgeInput>();
        foreach (var i in chunks)
        {
            await using var stream = await store.OpenReadAsync(RunArtifacts.ChunkPairs(i), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Chunk {i} of the plan is missing from {store.Location}.");
            foreach (var pair in await ReadAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                inputs.Add(new JudgeInput(pair.PairId, new Geoid(pair.Text1, pair.Lang1, []), new Geoid(pair.Text2, pair.Lang2, [])));
            }
        }

        return inputs;
    }
}
