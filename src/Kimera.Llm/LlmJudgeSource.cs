using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Llm.Authentication;
using Kimera.Llm.Prompt;
using Kimera.Llm.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kimera.Llm;

/// <summary>The <see cref="JudgeCatalog"/>'s LLM judges: copies the configured <see cref="LlmJudgeOptions"/> with the share's limits and builds a judge on the
/// <c>IHttpClientFactory</c> client that <see cref="LlmServiceCollectionExtensions.AddLlmJudge(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/> registers.</summary>
/// <remarks>Each chunk gets its own judge, hence its own rate buckets and budget ledger: with at most N chunks in
/// flight, each held to 1/N of the limits, the whole run stays within them however many instances the chunks land on;
/// and each chunk may spend its pairs' fraction of the budget, so the chunks together never spend more than the run's
/// budget. A chunk that reaches its part stops asking even if another chunk leaves some of its own unspent: chunks on
/// different instances share no ledger, and a lower spend is the safe side of that trade.</remarks>
public sealed class LlmJudgeSource : ILlmJudgeSource
{
    private readonly LlmJudgeOptions _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly IJudgementCache? _cache;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly LlmAccessTokenCache? _accessTokens;

    /// <param name="accessTokenSource">The host's Entra ID tokens (<c>DefaultAzureCredential</c>) for judges with
    /// <see cref="LlmAuthentication.Azure"/>; cached here until shortly before they expire.</param>
    public LlmJudgeSource(
        IOptions<LlmJudgeOptions> options, IHttpClientFactory httpClients, ILoggerFactory loggerFactory, IJudgementCache? cache = null, TimeProvider? timeProvider = null,
        ILlmAccessTokenSource? accessTokenSource = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _httpClients = httpClients;
        _loggerFactory = loggerFactory;
        _cache = cache;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _accessTokens = accessTokenSource is null ? null : new LlmAccessTokenCache(accessTokenSource, _timeProvider);
    }

    public string ResultSalt(JudgeDefinition judge) => OptionsFor(judge).ResultSalt();

    public IReadOnlyList<string> Problems(JudgeDefinition judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var problems = new List<string>();
        if (judge.ApiKeyVariable is { } variable && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
        {
            problems.Add($"its API key variable {variable} is not set.");
        }

        if (OptionsFor(judge).Auth == LlmAuthentication.Azure && _accessTokens is null)
        {
            problems.Add("it signs in with Entra ID (auth azure) but this host has no access token source.");
        }

        if (judge.PromptVersion is { } version && version != ContradictionPrompt.Version)
        {
            problems.Add($"prompt version '{version}' is not known (the one prompt is '{ContradictionPrompt.Version}').");
        }

        return problems;
    }

    public LlmJudgeGroup Create(IReadOnlyList<JudgeDefinition> judges, IReadOnlyList<decimal> budgetFractions, LlmShare share)
    {
        ArgumentNullException.ThrowIfNull(judges);
        ArgumentNullException.ThrowIfNull(budgetFractions);
        ArgumentNullException.ThrowIfNull(share);
        // A share's limits are the configured limits' part; a judge that sets its own limits gets its part in OptionsFor.
        var options = judges.Select((judge, i) => WithShare(OptionsFor(judge, share), share with
        {
            FractionOfRun = share.FractionOfRun * budgetFractions[i],
            RequestsPerMinute = judge.RequestsPerMinute is null ? share.RequestsPerMinute : null,
            TokensPerMinute = judge.TokensPerMinute is null ? share.TokensPerMinute : null,
        })).ToArray();
        var owned = new List<IDisposable>();
        var built = new List<IPairJudge>();
        try
        {
            // Judges on one endpoint share its rate buckets, shaped by the lowest limits any of them gives for it.
            var gates = new Dictionary<string, LlmRateGate>(StringComparer.OrdinalIgnoreCase);
            foreach (var endpoint in options.GroupBy(o => EndpointKey(o.Endpoint)))
            {
                var gateOptions = Copy(endpoint.First());
                gateOptions.RequestsPerMinute = endpoint.Min(o => o.RequestsPerMinute);
                gateOptions.TokensPerMinute = endpoint.Min(o => o.TokensPerMinute);
                var gate = new LlmRateGate(gateOptions, _timeProvider);
                owned.Add(gate);
                gates[endpoint.Key] = gate;
            }

            foreach (var judgeOptions in options)
            {
                var judge = new LlmJudge(
                    judgeOptions,
                    _httpClients.CreateClient(LlmServiceCollectionExtensions.HttpClientName),
                    _cache,
                    _loggerFactory.CreateLogger<LlmJudge>(),
                    _timeProvider,
                    Random.Shared.NextDouble,
                    gates[EndpointKey(judgeOptions.Endpoint)],
                    _accessTokens);
                owned.Insert(0, judge);
                built.Add(judge);
            }
        }
        catch
        {
            owned.ForEach(o => o.Dispose());
            throw;
        }

        return new LlmJudgeGroup(built, owned);
    }

    /// <summary>A new judge of the configured options alone (the shorthand <c>llm</c>) held to <paramref name="share"/>; the caller disposes it.</summary>
    public LlmJudge CreateJudge(LlmShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return new LlmJudge(
            WithShare(_options, share),
            _httpClients.CreateClient(LlmServiceCollectionExtensions.HttpClientName),
            _cache,
            _loggerFactory.CreateLogger<LlmJudge>(),
            _timeProvider,
            Random.Shared.NextDouble,
            accessTokens: _accessTokens);
    }

    /// <summary>The configured options with what <paramref name="judge"/> overrides. Limits a judge sets itself are its
    /// endpoint's; a chunk gets its part of them (<see cref="LlmShare.ChunksInFlight"/>), as it does of the configured ones.</summary>
    public LlmJudgeOptions OptionsFor(JudgeDefinition judge, LlmShare? share = null)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var options = Copy(_options);
        options.JudgeName = judge.Name;
        if (judge.Endpoint is { } endpoint)
        {
            options.Endpoint = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/");
        }

        if (judge.ApiKeyVariable is { } variable)
        {
            options.ApiKey = Environment.GetEnvironmentVariable(variable);
        }

        if (judge.Auth is { } auth)
        {
            options.Auth = Enum.Parse<LlmAuthentication>(auth, ignoreCase: true);
        }

        options.ManagedIdentityClientId = judge.ManagedIdentityClientId ?? options.ManagedIdentityClientId;
        options.Model = judge.Model ?? options.Model;
        options.PromptVersion = judge.PromptVersion ?? options.PromptVersion;
        options.Temperature = judge.Temperature ?? options.Temperature;
        // A temperature the judge gives wins over a "none" of the defaults, and its "none" over their number.
        options.OmitTemperature = judge.OmitTemperature ?? (judge.Temperature is null && options.OmitTemperature);
        options.MaxOutputTokens = judge.MaxOutputTokens ?? options.MaxOutputTokens;
        options.ReasoningEffort = judge.ReasoningEffort ?? options.ReasoningEffort;
        options.ResponseFormat = judge.ResponseFormat ?? options.ResponseFormat;
        options.PriceInputPerMillion = judge.PriceInputPerMillion ?? options.PriceInputPerMillion;
        options.PriceOutputPerMillion = judge.PriceOutputPerMillion ?? options.PriceOutputPerMillion;
        options.Repeats = judge.RepeatCount;
        // The judge definition decides (the run resolved Kimera:Llm:BothOrders and --llm-both-orders into it), so the
        // judge asks both orders exactly when the plan has the judge's order columns.
        options.BothOrders = judge.AsksBothOrders;
        var chunks = Math.Max(1, share?.ChunksInFlight ?? 1);
        if (judge.RequestsPerMinute is { } rpm)
        {
            options.RequestsPerMinute = Math.Max(LlmRateGate.MinimumRequestsPerWindow, rpm / chunks);
        }

        if (judge.TokensPerMinute is { } tpm)
        {
            options.TokensPerMinute = Math.Max(1_000, tpm / chunks);
        }

        return options;
    }

    /// <summary>A copy of <paramref name="options"/> whose requests and tokens per minute are the share's and whose
    /// budget, if one is set (the run's own, <see cref="LlmShare.RunBudgetUsd"/>, else the configured one), is the share's
    /// fraction of it (rounded down to 1e-9 USD, so parts never add up to more).</summary>
    public static LlmJudgeOptions WithShare(LlmJudgeOptions options, LlmShare share)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(share);
        var fractionOfRun = share.FractionOfRun;
        if (fractionOfRun is <= 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(share), fractionOfRun, "A chunk's fraction of the run must be in (0, 1].");
        }

        var copy = Copy(options);
        copy.RequestsPerMinute = share.RequestsPerMinute ?? options.RequestsPerMinute;
        copy.TokensPerMinute = share.TokensPerMinute ?? options.TokensPerMinute;
        // Never more requests in flight than the share allows per window.
        copy.MaxConcurrency = Math.Max(1, Math.Min(options.MaxConcurrency, copy.RequestsPerMinute));
        if ((share.RunBudgetUsd ?? options.BudgetUsd) is { } budget)
        {
            copy.BudgetUsd = Math.Round(budget * fractionOfRun, 9, MidpointRounding.ToZero);
        }

        // A durable chunk can be cut off mid-judging (instance recycled, host crashed) and run again: each paid verdict goes
        // to the cache as it arrives, so the re-run pays again only for the requests that were in flight. With batches of 100
        // a killed host lost up to 99 paid verdicts per chunk (seen on the real backend: 54 requests for 50 pairs).
        copy.CacheWriteBatchSize = 1;

        return copy;
    }

    private static LlmJudgeOptions Copy(LlmJudgeOptions options)
    {
        // Every settable property is copied, so options added to LlmJudgeOptions later are carried over too.
        var copy = new LlmJudgeOptions();
        foreach (var property in typeof(LlmJudgeOptions).GetProperties())
        {
            if (property.CanRead && property.CanWrite)
            {
                property.SetValue(copy, property.GetValue(options));
            }
        }

        return copy;
    }

    private static string EndpointKey(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Path);
}
