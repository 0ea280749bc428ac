using Kimera.Cli.Commands;
using Kimera.Engine.Embeddings;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Llm;
using Kimera.Pipeline;
using Kimera.Pipeline.Stages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kimera.Cli;

/// <summary>Builds the local engine for <c>kimera run</c> from its settings: embedder, caches, judges and pipeline stages.</summary>
public sealed class RunComposition : IAsyncDisposable
{
    /// <summary>Environment variable holding the LLM API key; it is never logged or written to any output.</summary>
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    private readonly OnnxSentenceEmbedder _embedder;
    private readonly ServiceProvider? _llmServices;
    private readonly JudgeSet _judges;

    private RunComposition(
        OnnxSentenceEmbedder embedder, ServiceProvider? llmServices, JudgeSet judges, LocalRunEngine engine, IReadOnlyList<JudgeDefinition> judgeDefinitions, string resultSalt)
    {
        _embedder = embedder;
        _llmServices = llmServices;
        _judges = judges;
        Engine = engine;
        Judges = judgeDefinitions;
        ResultSalt = resultSalt;
    }

    public LocalRunEngine Engine { get; }

    /// <summary>Judges that will run, in column order.</summary>
    public IReadOnlyList<JudgeDefinition> Judges { get; }

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
                Precision = PrecisionOption.Parse(settings.Precision) ?? EmbeddingPrecision.Fp32,
            });
        }
        catch (FileNotFoundException ex)
        {
            await error.WriteLineAsync($"kimera run: {ex.Message}");
            return null;
        }

        IEmbeddingCache? cache = CacheSelector.Embeddings(settings);
        var asked = settings.ReadJudges().Judges;
        var apiKey = Environment.GetEnvironmentVariable(ApiKeyVariable);
        var judges = new List<JudgeDefinition>();
        foreach (var judge in asked)
        {
            // The shorthand llm is optional: without a key the run goes on with the other judges. A judge declared in a
            // judge file is wanted: a missing key is an error below.
            if (judge.Kind == JudgeKinds.Llm && judge.IsShorthand && string.IsNullOrWhiteSpace(apiKey))
            {
                await error.WriteLineAsync(
                    $"kimera run: notice: the LLM judge is skipped: {ApiKeyVariable} is not set. Set it (and --llm-endpoint for a provider other than OpenAI) to compare Kimera with an LLM.");
                continue;
            }

            judges.Add(judge);
        }

        if (judges.Count == 0)
        {
            await error.WriteLineAsync("kimera run: no judge can run; ask for --judges kimera or configure the LLM judge.");
            embedder.Dispose();
            return null;
        }

        ServiceProvider? llmServices = null;
        ILlmJudgeSource? llmSource = null;
        var llmJudges = judges.Where(j => j.Kind == JudgeKinds.Llm).ToArray();
        var problems = llmJudges.Where(j => j.ApiKeyVariable is null && string.IsNullOrWhiteSpace(apiKey))
            .Select(j => $"kimera run: judge '{j.Name}': {ApiKeyVariable} is not set (or give the judge its own apiKeyVariable).")
            .ToList();
        if (llmJudges.Length > 0 && problems.Count == 0)
        {
            // Judges with their own key variable need no OPENAI_API_KEY; the configured options then carry a stand-in key
            // that no judge sends (each such judge reads its own variable).
            llmServices = BuildLlmServices(settings, string.IsNullOrWhiteSpace(apiKey) ? "unused" : apiKey, CacheSelector.Judgements(settings), loggerFactory);
            try
            {
                llmSource = llmServices.GetRequiredService<ILlmJudgeSource>();
                _ = llmServices.GetRequiredService<IOptions<LlmJudgeOptions>>().Value;
            }
            catch (OptionsValidationException ex)
            {
                problems.Add($"kimera run: LLM judge settings: {string.Join("; ", ex.Failures)}");
            }
        }

        var catalog = new JudgeCatalog(new KimeraEngineOptions(), llmSource);
        if (llmSource is not null)
        {
            problems.AddRange(catalog.Problems(judges, "kimera run"));
        }

        JudgeSet? judgeSet = null;
        if (problems.Count == 0)
        {
            try
            {
                // One judge set for the whole run: every chunk shares each LLM judge, hence one budget ledger per judge and one
                // set of rate buckets per endpoint.
                judgeSet = catalog.Create(judges, LlmShare.WholeRun);
            }
            catch (OptionsValidationException ex)
            {
                problems.Add($"kimera run: LLM judge settings: {string.Join("; ", ex.Failures)}");
            }
        }

        if (judgeSet is null)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }

            if (llmServices is not null)
            {
                await llmServices.DisposeAsync();
            }

            embedder.Dispose();
            return null;
        }

        // The LLM judges' check before the fan-out, the durable Plan activity's too: earlier spend, estimate, preflight.
        IPlanCheck[] checks = judgeSet.Judges.OfType<LlmJudge>().Any()
            ? [new LlmPreRunCheck(Options.Create(LlmPreRunWording.CommandLine(ApiKeyVariable)), loggerFactory.CreateLogger<LlmPreRunCheck>(), new CommandNotices(error))]
            : [];
        var engine = LocalRunEngine.Create(new EmbeddingLookup(embedder, cache), judgeSet.Judges, catalog.EngineOptions, loggerFactory, checks);
        return new RunComposition(embedder, llmServices, judgeSet, engine, judges, catalog.ResultSalt(embedder.ModelId, judges));
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
        _judges.Dispose();
        _embedder.Dispose();
        if (_llmServices is not null)
        {
            await _llmServices.DisposeAsync();
        }
    }

    /// <summary>Notices of the checks on standard error, as every message of the command.</summary>
    private sealed class CommandNotices(TextWriter error) : IRunNotices
    {
        public Task NoticeAsync(string notice, CancellationToken cancellationToken = default) => error.WriteLineAsync($"kimera run: {notice}");
    }
}
