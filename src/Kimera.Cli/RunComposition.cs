using Kimera.Cli.Commands;
using Kimera.Embeddings;
using Kimera.Geoids;
using Kimera.Judging;
using Kimera.Pipeline;
using Kimera.Storage.Sqlite;
using Microsoft.Extensions.Logging;

namespace Kimera.Cli;

/// <summary>Builds the local engine for <c>kimera run</c> from its settings: embedder, caches, judges and pipeline stages.</summary>
public sealed class RunComposition : IAsyncDisposable
{
    private readonly OnnxSentenceEmbedder _embedder;

    private RunComposition(OnnxSentenceEmbedder embedder, LocalRunEngine engine, IReadOnlyList<string> judges, string resultSalt)
    {
        _embedder = embedder;
        Engine = engine;
        Judges = judges;
        ResultSalt = resultSalt;
    }

    public LocalRunEngine Engine { get; }

    /// <summary>Judges that will run, in column order.</summary>
    public IReadOnlyList<string> Judges { get; }

    /// <summary>Model ids and versions that change results: part of the run fingerprint.</summary>
    public string ResultSalt { get; }

    /// <summary>Returns <c>null</c> after writing the reason to <paramref name="error"/> when the settings cannot work.</summary>
    public static async Task<RunComposition?> CreateAsync(RunSettings settings, ILoggerFactory loggerFactory, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(error);
        OnnxSentenceEmbedder embedder;
        try
        {
            embedder = new OnnxSentenceEmbedder(new EmbeddingOptions { ModelPath = settings.ModelPath, VocabPath = settings.VocabPath });
        }
        catch (FileNotFoundException ex)
        {
            await error.WriteLineAsync($"kimera run: {ex.Message}");
            return null;
        }

        IEmbeddingCache? cache = SharedCaches.Embeddings(settings);
        var engineOptions = new KimeraEngineOptions();
        var judges = new List<IPairJudge>();
        var names = new List<string>();
        foreach (var name in settings.JudgeList)
        {
            switch (name)
            {
                case "kimera":
                    judges.Add(new KimeraJudge(engineOptions));
                    names.Add(name);
                    break;
                case "llm":
                    await error.WriteLineAsync("kimera run: notice: the LLM judge is skipped (this build has no LLM judge yet); results are Kimera-only.");
                    break;
            }
        }

        if (names.Count == 0)
        {
            await error.WriteLineAsync("kimera run: no judge can run; ask for --judges kimera or configure the LLM judge.");
            embedder.Dispose();
            return null;
        }

        var engine = new LocalRunEngine(
            new RunPlanner(loggerFactory.CreateLogger<RunPlanner>()),
            new ChunkProcessor(new EmbeddingLookup(embedder, cache), judges, engineOptions, loggerFactory.CreateLogger<ChunkProcessor>()),
            new RunAggregator(loggerFactory.CreateLogger<RunAggregator>()),
            loggerFactory.CreateLogger<LocalRunEngine>());
        var salt = $"embedding:{embedder.ModelId}";
        return new RunComposition(embedder, engine, names, salt);
    }

    public ValueTask DisposeAsync()
    {
        _embedder.Dispose();
        return ValueTask.CompletedTask;
    }
}
