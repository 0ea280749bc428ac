using Kimera.Datasets;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Pipeline;
using Kimera.Pipeline.Model;
using Kimera.Reporting.Model;
using Kimera.Statistics.Sweeps;
using Kimera.Storage.FileSystem;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Cli.Tests.Pipeline;

/// <summary>Runs the real local engine (real embedder, real files) with the Kimera judge, counting embedder calls.</summary>
public sealed class PipelineHarness
{
    private readonly CountingEmbedder _embedder;

    public PipelineHarness(ITextEmbedder embedder) => _embedder = new CountingEmbedder(embedder);

    /// <summary>Texts the embedder was asked for so far.</summary>
    public int TextsEmbedded => _embedder.Texts;

    public async Task<RunReport> RunAsync(
        string dataset,
        string outDirectory,
        int chunkSize = 500,
        int parallelism = 2,
        int? maxPairs = null,
        IEmbeddingCache? cache = null,
        int bootstrap = 200,
        IProgress<RunProgress>? progress = null,
        int? sample = null,
        IReadOnlyList<JudgeDefinition>? judges = null,
        SweepAxis? sweep = null,
        CancellationToken cancellationToken = default)
    {
        var engineOptions = new KimeraEngineOptions();
        judges ??= [JudgeDefinition.FromShorthand(JudgeNames.Kimera)];
        var catalog = new JudgeCatalog(engineOptions);
        using var judgeSet = catalog.Create(judges);
        var engine = LocalRunEngine.Create(new EmbeddingLookup(_embedder, cache), judgeSet.Judges, engineOptions, NullLoggerFactory.Instance);
        var spec = new RunSpec
        {
            ChunkSize = chunkSize,
            Parallelism = parallelism,
            MaxPairs = maxPairs,
            Sample = sample,
            BootstrapResamples = bootstrap,
            Folds = 3,
            Sweep = sweep,
        }.WithJudges(judges);
        return await engine.RunAsync(
            DatasetSource.FromFile(dataset),
            new FileSystemArtifactStore(outDirectory),
            spec,
            catalog.ResultSalt(_embedder.ModelId, judges),
            progress,
            cancellationToken);
    }

    private sealed class CountingEmbedder(ITextEmbedder inner) : ITextEmbedder
    {
        private int _texts;

        public int Texts => Volatile.Read(ref _texts);

        public string ModelId => inner.ModelId;

        public int Dimensions => inner.Dimensions;

        public string? Int8Kernel => inner.Int8Kernel;

        public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref _texts, texts.Count);
            return inner.EmbedAsync(texts, cancellationToken);
        }
    }
}
