using Kimera.Datasets;
using Kimera.Embeddings;
using Kimera.Geoids;
using Kimera.Judging;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline;
using Kimera.Pipeline.Model;
using Kimera.Storage.FileSystem;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Orchestration.Tests.Support;

/// <summary>The independent reference for parity: the local engine (what <c>kimera run</c> drives) on the same file and options.</summary>
public static class LocalReference
{
    public static async Task<RunReport> RunAsync(ITextEmbedder embedder, string datasetPath, RunRequest request, string outDirectory)
    {
        var engineOptions = new KimeraEngineOptions();
        var engine = LocalRunEngine.Create(new EmbeddingLookup(embedder, null), [new KimeraJudge(engineOptions)], engineOptions, NullLoggerFactory.Instance);
        return await engine.RunAsync(
            DatasetSource.FromFile(datasetPath), new FileSystemArtifactStore(outDirectory), request.Spec, $"embedding:{embedder.ModelId}");
    }
}
