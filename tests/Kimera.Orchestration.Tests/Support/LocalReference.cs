using Kimera.Datasets;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Orchestration.Contracts;
using Kimera.Pipeline;
using Kimera.Reporting.Model;
using Kimera.Storage.FileSystem;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Orchestration.Tests.Support;

/// <summary>The independent reference for parity: the local engine (what <c>kimera run</c> drives) on the same file and options.</summary>
public static class LocalReference
{
    /// <summary>Runs the request's judges (Kimera judges and variants; LLM judges when <paramref name="llm"/> is given) as
    /// <c>kimera run</c> builds them: one judge set for the whole run, from the same catalog the durable chunks use.</summary>
    public static async Task<RunReport> RunAsync(ITextEmbedder embedder, string datasetPath, RunRequest request, string outDirectory, ILlmJudgeSource? llm = null)
    {
        var engineOptions = new KimeraEngineOptions();
        var catalog = new JudgeCatalog(engineOptions, llm);
        var judges = request.Spec.ResolvedJudges();
        using var judgeSet = catalog.Create(judges, LlmShare.WholeRun);
        var engine = LocalRunEngine.Create(new EmbeddingLookup(embedder, null), judgeSet.Judges, engineOptions, NullLoggerFactory.Instance);
        return await engine.RunAsync(
            DatasetSource.FromFile(datasetPath), new FileSystemArtifactStore(outDirectory), request.Spec, catalog.ResultSalt(embedder.ModelId, judges));
    }
}
