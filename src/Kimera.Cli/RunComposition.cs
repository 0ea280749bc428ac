using Kimera.Cli.Commands;
using Kimera.Embeddings;
using Kimera.Geoids;
using Kimera.Judging;
using Kimera.Llm;
using Kimera.Pipeline;
using Kimera.Pipeline.Stages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kimera.Cli;

/// <summary>Builds the local engine for <c>kimera run</c> from its settings: embedder, caches, judges and pipeline stages.</summary>
public sealed class RunComposition : IAsyncDisposable
{
    /// <summary>Environment variable holding the LLM API key; it is never logged or written to any output.</summary>
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    private readonly OnnxSentenceEmbedder _embedder;
    private readonly ServiceProvider? _llmServices;

    private RunComposition(OnnxSentenceEmbedder embedder, ServiceProvider? llmServices, LocalRunEngine engine, IReadOnlyList<string> judges, string resultSalt)
    {
        _embedder = embedder;
        _llmServices = llmServices;
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
            // Chunks run in parallel, each embedding on its own: split the cores between them rather than let every
            // chunk's ONNX session spread over all cores (oversubscribed threads slow every chunk down).
            var parallelism = settings.Parallelism ?? Environment.ProcessorCount;
            embedder = new OnnxSentenceEmbedder(new EmbeddingOptions
            {
                ModelPath = settings.ModelPath,
                VocabPath = settings.VocabPath,
                IntraOpThreads = Math.Max(1, Environment.ProcessorCount / parallelism),
            });
        }
        catch (FileNotFoundException ex)
        {
            await error.WriteLineAsync($"kimera run: {ex.Message}");
            return null;
        }

        IEmbeddingCache? cache = CacheSelector.Embeddings(settings);
        var engineOptions = new KimeraEngineOptions();
        var judges = new List<IPairJudge>();
        var names = new List<string>();
        var checks = new List<IPlanCheck>();
        var salt = $"embedding:{embedder.ModelId}";
        ServiceProvider? llmServices = null;
        foreach (var name in settings.JudgeList)
        {
            switch (name)
            {
                case "kimera":
                    judges.Add(new KimeraJudge(engineOptions));
                    names.Add(name);
                    break;
                case "llm":
                    var apiKey = Environment.GetEnvironmentVariable(ApiKeyVariable);
                    if (string.IsNullOrWhiteSpace(apiKey))
                    {
                        await error.WriteLineAsync(
                            $"kimera run: notice: the LLM judge is skipped: {ApiKeyVariable} is not set. Set it (and --llm-endpoint for a provider other than OpenAI) to compare Kimera with an LLM.");
                        break;
                    }

                    llmServices = BuildLlmServices(settings, apiKey, CacheSelector.Judgements(settings), loggerFactory);
                    LlmJudge llm;
                    try
                    {
                        llm = llmServices.GetRequiredService<LlmJudge>();
                    }
                    catch (Microsoft.Extensions.Options.OptionsValidationException ex)
                    {
                        await error.WriteLineAsync($"kimera run: LLM judge settings: {string.Join("; ", ex.Failures)}");
                        await llmServices.DisposeAsync();
                        embedder.Dispose();
                        return null;
                    }

                    judges.Add(llm);
                    names.Add(name);
                    var options = llmServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<LlmJudgeOptions>>().Value;
                    salt += $"|llm:{options.Endpoint}|{options.Model}|{ContradictionPrompt.Version}|{options.Temperature}";
                    if (options.BudgetUsd is not null)
                    {
                        checks.Add(new LlmBudgetCheck(llm, error));
                    }

                    checks.Add(new LlmPreflightCheck(llm, error));

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
            loggerFactory.CreateLogger<LocalRunEngine>(),
            checks);
        return new RunComposition(embedder, llmServices, engine, names, salt);
    }

    private static ServiceProvider BuildLlmServices(RunSettings settings, string apiKey, IJudgementCache? cache, ILoggerFactory loggerFactory)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        if (cache is not null)
        {
            services.AddSingleton(cache);
        }

        services.AddLlmJudge(options =>
        {
            LlmEnvironment.Apply(options);
            options.ApiKey = apiKey;
            if (settings.LlmEndpoint is { } endpoint)
            {
                options.Endpoint = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/");
            }

            if (settings.LlmModel is { } model)
            {
                options.Model = model;
            }

            if (settings.LlmRequestsPerMinute is { } rpm)
            {
                options.RequestsPerMinute = rpm;
            }

            if (settings.BudgetUsd is { } budget)
            {
                options.BudgetUsd = (decimal)budget;
            }
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public async ValueTask DisposeAsync()
    {
        _embedder.Dispose();
        if (_llmServices is not null)
        {
            await _llmServices.DisposeAsync();
        }
    }
}
