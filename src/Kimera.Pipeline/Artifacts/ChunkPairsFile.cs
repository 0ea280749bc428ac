using CsvHelper;
using Kimera.Datasets;
using Kimera.Engine.Geoids;
using Kimera.Judging;

namespace Kimera.Pipeline.Artifacts;

/// <summary>Reads and writes the planned pairs of one chunk (<c>chunks/NNNNN.csv</c>): <c>pair_id,text1,text2,lang1,lang2,type,label</c>,
/// and <c>slice</c> last when the dataset has a slice column (<see cref="BenchmarkPair.Slice"/>).</summary>
public static class ChunkPairsFile
{
    private const string SliceColumn = "slice";

    private static readonly string[] Header = ["pair_id", "text1", "text2", "lang1", "lang2", "type", "label"];

    /// <param name="slice">True when the dataset has a slice column: each pair's <see cref="BenchmarkPair.Slice"/> is written
    /// in a <c>slice</c> column (empty for null).</param>
    public static async Task WriteAsync(Stream stream, IEnumerable<BenchmarkPair> pairs, bool slice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        await using var csv = CsvWriter.Create(stream, CsvFormat.WriterOptions, leaveOpen: true);
        csv.WriteHeader(slice ? [.. Header, SliceColumn] : Header);
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
            if (slice)
            {
                csv.WriteField(pair.Slice ?? string.Empty);
            }

            await csv.EndRecordAsync(cancellationToken);
        }
    }

    /// <summary>The pairs of a chunk file; their <see cref="BenchmarkPair.Slice"/> is null when the file has no <c>slice</c> column.</summary>
    public static async Task<IReadOnlyList<BenchmarkPair>> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using var csv = CsvReader.Create(stream, CsvFormat.ReaderOptions, leaveOpen: true);
        var pairs = new List<BenchmarkPair>();
        bool? sliced = null;
        while (await csv.ReadAsync(cancellationToken))
        {
            sliced ??= csv.Headers.Contains(SliceColumn, StringComparer.Ordinal);
            cancellationToken.ThrowIfCancellationRequested();
            pairs.Add(new BenchmarkPair(
                csv.GetString("pair_id"),
                csv.GetString("text1"),
                csv.GetString("text2"),
                csv.GetString("lang1"),
                csv.GetString("lang2"),
                csv.GetString("type"),
                CsvFormat.ParseBool(csv.GetString("label")))
            {
                Slice = sliced.Value ? csv.GetString(SliceColumn) : null,
            });
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
