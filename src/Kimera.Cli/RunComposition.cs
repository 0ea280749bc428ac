using System.Globalization;
using Kimera.Cli.Commands;
using Kimera.Engine;
using Kimera.Engine.Embeddings;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Llm;
using Kimera.Llm.Authentication;
using Kimera.Pipeline;
using Kimera.Pipeline.Stages;
using Kimera.Storage.AzureAccount;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kimera.Cli;

/// <summary>Builds the local engine for <c>kimera run</c> from its settings on a host builder (<c>Host.CreateApplicationBuilder</c>):
/// the host's configuration (environment variables, then the command line's LLM options) and the same registrations as the
/// serverless app (<c>AddKimeraPipeline</c>, <c>AddLlmJudges</c>): embedder, caches, judges, checks and pipeline stages.</summary>
public sealed class RunComposition : IAsyncDisposable
{
    /// <summary>Environment variable holding the LLM API key; it is never logged or written to any output.</summary>
    public const string ApiKeyVariable = LlmServiceCollectionExtensions.ApiKeyVariable;

    private readonly IHost _host;
    private readonly JudgeSet _judges;

    private RunComposition(
        IHost host, JudgeSet judges, LocalRunEngine engine, IReadOnlyList<JudgeDefinition> judgeDefinitions, string resultSalt, RunSpec runDefaults)
    {
        _host = host;
        RunDefaults = runDefaults;
        _judges = judges;
        Engine = engine;
        Judges = judgeDefinitions;
        ResultSalt = resultSalt;
    }

    public LocalRunEngine Engine { get; }

    /// <summary>The host's <c>Kimera:Run</c> section bound and validated (<c>IOptions&lt;RunSpec&gt;</c>, as the serverless app's):
    /// the defaults the command-line options are bound over (<see cref="RunSettings.ToSpec"/>).</summary>
    public RunSpec RunDefaults { get; }

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
        // The host's configuration: environment variables (OPENAI_API_KEY, KIMERA_STORAGE, Kimera__Run__…, Kimera__Llm__…), then what the
        // command line sets. No appsettings.json: a command's settings come from its arguments and the environment only.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables();
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true }));
        var configuration = builder.Configuration;
        var storage = CacheSelector.Storage(settings, configuration);
        if (storage is not null && !AzureStorageConnection.TryParse(storage, out _, out var storageError))
        {
            await error.WriteLineAsync($"kimera run: --storage: {storageError}");
            return null;
        }

        // The judges: --judges or --judges-file, else Kimera:Run:Judges (a list with a blank name is left to the check of the
        // section below, which refuses it naming the key), else all.
        var configuredJudges = configuration.GetSection($"{RunSpec.SectionName}:{nameof(RunSpec.Judges)}").Get<string[]>();
        var asked = settings.ReadJudges(configuredJudges?.All(j => !string.IsNullOrWhiteSpace(j)) == true ? configuredJudges : null).Judges;
        var apiKey = configuration[ApiKeyVariable];
        var configuredBothOrders = configuration.GetValue<bool>($"{LlmJudgeOptions.SectionName}:{nameof(LlmJudgeOptions.BothOrders)}");
        // --llm-auth over Kimera__Llm__Auth: with azure the judge signs in with Entra ID and needs no key.
        var azureAuth = settings.LlmAuth is { } auth
            ? string.Equals(auth.Trim(), JudgeAuth.Azure, StringComparison.OrdinalIgnoreCase)
            : LlmServiceCollectionExtensions.IsAzureAuth(configuration);
        var judges = new List<JudgeDefinition>();
        var notices = new List<string>();
        foreach (var judge in asked)
        {
            // The shorthand llm is optional: without a key the run goes on with the other judges. A judge declared in a
            // judge file is wanted: a missing key is an error below.
            if (judge.Kind == JudgeKinds.Llm && judge.IsShorthand && string.IsNullOrWhiteSpace(apiKey) && !azureAuth)
            {
                notices.Add(
                    $"kimera run: notice: the LLM judge is skipped: {ApiKeyVariable} is not set. Set it (and --llm-endpoint for a provider other than OpenAI), or sign in to Azure OpenAI with --llm-auth azure, to compare Kimera with an LLM.");
                continue;
            }

            // --llm-both-orders or Kimera:Llm:BothOrders: every LLM judge whose judge file does not say otherwise asks both
            // orders. Resolved here, into the judge, so the plan has its order columns and the fingerprint changes.
            judges.Add(judge.Kind == JudgeKinds.Llm && judge.BothOrders is null && (settings.LlmBothOrders || configuredBothOrders)
                ? judge with { BothOrders = true }
                : judge);
        }

        var llmJudges = judges.Where(j => j.Kind == JudgeKinds.Llm).ToArray();
        var problems = llmJudges.Where(j => j.ApiKeyVariable is null && string.IsNullOrWhiteSpace(apiKey) && !SignsInWithAzure(j, azureAuth))
            .Select(j => $"kimera run: judge '{j.Name}': {ApiKeyVariable} is not set (or give the judge its own apiKeyVariable).")
            .ToList();
        var withLlm = llmJudges.Length > 0 && problems.Count == 0;

        // The same pieces as the serverless app's: the pipeline's (embedding lookup, judge catalog) and the LLM judges'.
        var services = builder.Services;
        services.AddSingleton(loggerFactory);
        // Section Kimera:Run, bound and validated as the serverless app binds it: the run's defaults under the command line's options.
        services.AddRunSpec(configuration);
        services.AddKimeraEngine(configuration);
        services.AddOptions<EmbeddingOptions>().PostConfigure<IOptions<RunSpec>>((options, run) =>
        {
            // Chunks run in parallel, each embedding on its own: split the cores between them rather than let every
            // chunk's ONNX session spread over all cores (oversubscribed threads slow every chunk down).
            var parallelism = settings.Parallelism ?? run.Value.Parallelism;
            options.IntraOpThreads = Math.Max(1, Environment.ProcessorCount / parallelism);
            options.ModelPath = settings.ModelPath ?? options.ModelPath;
            options.VocabPath = settings.VocabPath ?? options.VocabPath;
            if (settings.Precision is not null)
            {
                options.Precision = PrecisionOption.Parse(settings.Precision) ?? EmbeddingPrecision.Fp32;
            }

            if (settings.Int8Weights is not null)
            {
                options.Int8Weights = Int8WeightsOption.Parse(settings.Int8Weights);
            }
        });
        // Built on first use: the judgement cache only when an LLM judge asks for it.
        CacheSelector.AddCaches(services, settings, storage);
        services.AddKimeraPipeline();
        if (withLlm)
        {
            configuration.AddInMemoryCollection(LlmSettings(settings, apiKey, azureAuth));
            // Entra ID tokens for judges that sign in with azure (DefaultAzureCredential, created on first use).
            services.AddSingleton<ILlmAccessTokenSource, AzureLlmTokenSource>();
            services.AddLlmJudges(configuration);
            // The check before the fan-out is the serverless app's, in the command line's words and on standard error.
            services.Configure<LlmPreRunWording>(wording =>
            {
                var commandLine = LlmPreRunWording.CommandLine(ApiKeyVariable);
                wording.BudgetSetting = commandLine.BudgetSetting;
                wording.FewerPairs = commandLine.FewerPairs;
                wording.EarlierRunsInto = commandLine.EarlierRunsInto;
                wording.PreflightAdvice = azureAuth
                    ? "Check --llm-endpoint, --llm-model and the Azure sign-in of --llm-auth azure (az login, or a managed identity, "
                        + "--llm-managed-identity-client-id), which needs Cognitive Services OpenAI User on the account, or leave the LLM out (--judges kimera)"
                    : commandLine.PreflightAdvice;
                wording.CommandLineOptions = commandLine.CommandLineOptions;
            });
            services.AddSingleton<IRunNotices>(new CommandNotices(error));
        }

        var host = builder.Build();
        RunSpec runDefaults;
        try
        {
            runDefaults = host.Services.GetRequiredService<IOptions<RunSpec>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            // Every message names the key: Kimera:Run:ChunkSize must be between 1 and 1000000 (got 0).
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync($"kimera run: {failure}");
            }

            host.Dispose();
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // A value the binder cannot convert; its message names the key (Kimera:Run:Seed).
            await error.WriteLineAsync($"kimera run: {RunSpec.SectionName}: {ex.Message}");
            host.Dispose();
            return null;
        }

        ITextEmbedder embedder;
        try
        {
            embedder = host.Services.GetRequiredService<ITextEmbedder>();
        }
        catch (FileNotFoundException ex)
        {
            await error.WriteLineAsync($"kimera run: {ex.Message}");
            host.Dispose();
            return null;
        }

        foreach (var notice in notices)
        {
            await error.WriteLineAsync(notice);
        }

        if (judges.Count == 0)
        {
            await error.WriteLineAsync("kimera run: no judge can run; ask for --judges kimera or configure the LLM judge.");
            host.Dispose();
            return null;
        }

        ILlmJudgeSource? llmSource = null;
        if (withLlm)
        {
            // A budget cannot be held without prices: said in the command line's words, the one problem of the settings.
            var configured = configuration.GetSection(LlmJudgeOptions.SectionName).Get<LlmJudgeOptions>() ?? new LlmJudgeOptions();
            if (configured.BudgetUsd is not null && !configured.PricesKnown)
            {
                problems.Add("kimera run: " + LlmJudgeOptionsValidator.UnknownPricesWithBudget(configured.Model, "--budget-usd", "--llm-price-input and --llm-price-output"));
            }
            else
            {
                try
                {
                    llmSource = host.Services.GetRequiredService<ILlmJudgeSource>();
                    _ = host.Services.GetRequiredService<IOptions<LlmJudgeOptions>>().Value;
                }
                catch (OptionsValidationException ex)
                {
                    problems.Add($"kimera run: LLM judge settings: {string.Join("; ", ex.Failures)}");
                }
            }
        }

        JudgeCatalog? catalog = null;
        JudgeSet? judgeSet = null;
        if (problems.Count == 0)
        {
            catalog = host.Services.GetRequiredService<JudgeCatalog>();
            if (llmSource is not null)
            {
                problems.AddRange(catalog.Problems(judges, "kimera run"));
            }
        }

        if (catalog is not null && problems.Count == 0)
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

        if (catalog is null || judgeSet is null)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }

            host.Dispose();
            return null;
        }

        // The checks before the fan-out, as registered (the LLM judges': earlier spend, estimate, preflight), on the run's judges.
        var checks = host.Services.GetServices<IPlanCheck>();
        var engine = LocalRunEngine.Create(host.Services.GetRequiredService<EmbeddingLookup>(), judgeSet.Judges, catalog.EngineOptions, loggerFactory, checks);
        return new RunComposition(host, judgeSet, engine, judges, catalog.ResultSalt(embedder.ModelId, judges), runDefaults);
    }

    /// <summary>What the command line sets of section <c>Kimera:Llm</c>, over the environment's <c>Kimera__Llm__…</c>. The key is
    /// <see cref="ApiKeyVariable"/>'s only (never <c>Kimera__Llm__ApiKey</c>); judges with their own key variable need none,
    /// and the options then carry a stand-in that no judge sends (each such judge reads its own variable).
    /// With <c>--llm-auth azure</c> (or <c>Kimera__Llm__Auth=azure</c>) no key is needed: a key that is set is kept but never sent.</summary>
    private static Dictionary<string, string?> LlmSettings(RunSettings settings, string? apiKey, bool azureAuth)
    {
        static string Key(string option) => $"{LlmJudgeOptions.SectionName}:{option}";
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(apiKey) || !azureAuth)
        {
            values[Key(nameof(LlmJudgeOptions.ApiKey))] = string.IsNullOrWhiteSpace(apiKey) ? "unused" : apiKey;
        }

        if (settings.LlmAuth is { } auth)
        {
            values[Key(nameof(LlmJudgeOptions.Auth))] = auth.Trim();
        }

        if (settings.LlmManagedIdentityClientId is { } clientId)
        {
            values[Key(nameof(LlmJudgeOptions.ManagedIdentityClientId))] = clientId.Trim();
        }
        if (settings.LlmEndpoint is { } endpoint)
        {
            values[Key(nameof(LlmJudgeOptions.Endpoint))] = endpoint.EndsWith('/') ? endpoint : endpoint + "/";
        }

        if (settings.LlmModel is { } model)
        {
            values[Key(nameof(LlmJudgeOptions.Model))] = model;
        }

        if (settings.LlmTemperature is { } temperature)
        {
            if (temperature == "none")
            {
                values[Key(nameof(LlmJudgeOptions.OmitTemperature))] = "true";
            }
            else
            {
                values[Key(nameof(LlmJudgeOptions.Temperature))] = temperature;
                values[Key(nameof(LlmJudgeOptions.OmitTemperature))] = "false";
            }
        }

        if (settings.LlmMaxOutputTokens is { } maxOutput)
        {
            values[Key(nameof(LlmJudgeOptions.MaxOutputTokens))] = maxOutput.ToString(CultureInfo.InvariantCulture);
        }

        if (settings.LlmReasoningEffort is { } effort)
        {
            values[Key(nameof(LlmJudgeOptions.ReasoningEffort))] = effort;
        }

        if (settings.LlmResponseFormat is { } format)
        {
            values[Key(nameof(LlmJudgeOptions.ResponseFormat))] = format;
        }

        if (settings.LlmPriceInput is { } priceInput)
        {
            values[Key(nameof(LlmJudgeOptions.PriceInputPerMillion))] = ((decimal)priceInput).ToString(CultureInfo.InvariantCulture);
        }

        if (settings.LlmPriceOutput is { } priceOutput)
        {
            values[Key(nameof(LlmJudgeOptions.PriceOutputPerMillion))] = ((decimal)priceOutput).ToString(CultureInfo.InvariantCulture);
        }

        if (settings.LlmRequestsPerMinute is { } rpm)
        {
            values[Key(nameof(LlmJudgeOptions.RequestsPerMinute))] = rpm.ToString(CultureInfo.InvariantCulture);
        }

        if (settings.BudgetUsd is { } budget)
        {
            values[Key(nameof(LlmJudgeOptions.BudgetUsd))] = ((decimal)budget).ToString(CultureInfo.InvariantCulture);
        }

        return values;
    }

    /// <summary>Whether <paramref name="judge"/> signs in with Entra ID: its own <c>auth</c>, else the run's.</summary>
    private static bool SignsInWithAzure(JudgeDefinition judge, bool runAuthIsAzure) =>
        judge.Auth is { } auth ? string.Equals(auth, JudgeAuth.Azure, StringComparison.OrdinalIgnoreCase) : runAuthIsAzure;

    public async ValueTask DisposeAsync()
    {
        _judges.Dispose();
        // The host owns the embedder (and the LLM judges' services).
        if (_host is IAsyncDisposable host)
        {
            await host.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }

    /// <summary>Notices of the checks on standard error, as every message of the command.</summary>
    private sealed class CommandNotices(TextWriter error) : IRunNotices
    {
        public Task NoticeAsync(string notice, CancellationToken cancellationToken = default) => error.WriteLineAsync($"kimera run: {notice}");
    }
}
