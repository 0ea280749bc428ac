using Kimera.Datasets;
using Kimera.Embeddings;
using Kimera.Geoids;
using Kimera.Judging;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline;
using Kimera.Pipeline.Model;
using Kimera.Pipeline.Stages;
using Kimera.Statistics;
using Kimera.Storage.FileSystem;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Orchestration.Tests.Support;

/// <summary>The independent reference for parity: the local engine (what <c>kimera run</c> drives) on the same file and options.</summary>
public static class LocalReference
{
    public static async Task<RunReport> RunAsync(ITextEmbedder embedder, string datasetPath, RunRequest request, string outDirectory)
    {
        var engineOptions = new KimeraEngineOptions();
        var engine = new LocalRunEngine(
            new RunPlanner(NullLogger<RunPlanner>.Instance),
            new ChunkProcessor(new EmbeddingLookup(embedder, null), [new KimeraJudge(engineOptions)], engineOptions, NullLogger<ChunkProcessor>.Instance),
            new RunAggregator(NullLogger<RunAggregator>.Instance),
            NullLogger<LocalRunEngine>.Instance);
        var options = new RunOptions { ChunkSize = request.ChunkSize, MaxParallelChunks = request.MaxParallelChunks, Seed = request.Seed, MaxTextLength = request.MaxTextLength };
        return await engine.RunAsync(
            DatasetSource.FromFile(datasetPath),
            new FileSystemArtifactStore(outDirectory),
            options,
            request.Judges,
            $"embedding:{embedder.ModelId}",
            new StatisticsOptions { BootstrapResamples = request.BootstrapResamples, CrossValidationFolds = request.Folds, Seed = request.Seed });
    }
}
