using System.Globalization;
using Kimera.Judging;
using Kimera.Llm;
using Kimera.Orchestration.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kimera.Orchestration.Judges;

/// <summary>Copies the configured <see cref="LlmJudgeOptions"/> with the share's limits and builds a judge on the
/// <c>IHttpClientFactory</c> client that <see cref="LlmServiceCollectionExtensions.AddLlmJudge(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/> registers.</summary>
/// <remarks>Each chunk gets its own judge, hence its own rate buckets and budget ledger: with at most N chunks in
/// flight, each held to 1/N of the limits, the whole run stays within them however many instances the chunks land on;
/// and each chunk may spend its pairs' fraction of the budget, so the chunks together never spend more than the run's
/// budget. A chunk that reaches its part stops asking even if another chunk leaves some of its own unspent: chunks on
/// different instances share no ledger, and a lower spend is the safe side of that trade.</remarks>
public sealed class LlmJudgeFactory : ILlmJudgeFactory
{
    private readonly LlmJudgeOptions _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly IJudgementCache? _cache;
    private readonly ILoggerFactory _loggerFactory;

    public LlmJudgeFactory(IOptions<LlmJudgeOptions> options, IHttpClientFactory httpClients, ILoggerFactory loggerFactory, IJudgementCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _httpClients = httpClients;
        _loggerFactory = loggerFactory;
        _cache = cache;
    }

    public string ResultSalt => string.Create(
        CultureInfo.InvariantCulture, $"llm:{_options.Model}:{ContradictionPrompt.Version}:{_options.Temperature}");

    public LlmJudge Create(LlmRateLimits share, decimal fractionOfRun)
    {
        ArgumentNullException.ThrowIfNull(share);
        var options = WithShare(_options, share, fractionOfRun);
        return new LlmJudge(
            options,
            _httpClients.CreateClient(LlmServiceCollectionExtensions.HttpClientName),
            _cache,
            _loggerFactory.CreateLogger<LlmJudge>());
    }

    /// <summary>A copy of <paramref name="options"/> whose requests and tokens per minute are the share's and whose
    /// budget, if one is set, is <paramref name="fractionOfRun"/> of it (rounded down to 1e-9 USD, so parts never add up to more).</summary>
    public static LlmJudgeOptions WithShare(LlmJudgeOptions options, LlmRateLimits share, decimal fractionOfRun = 1m)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(share);
        if (fractionOfRun is <= 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(fractionOfRun), fractionOfRun, "A chunk's fraction of the run must be in (0, 1].");
        }

        // Every settable property is copied, so options added to LlmJudgeOptions later are carried over too.
        var copy = new LlmJudgeOptions();
        foreach (var property in typeof(LlmJudgeOptions).GetProperties())
        {
            if (property.CanRead && property.CanWrite)
            {
                property.SetValue(copy, property.GetValue(options));
            }
        }

        copy.RequestsPerMinute = share.RequestsPerMinute;
        copy.TokensPerMinute = share.TokensPerMinute;
        // Never more requests in flight than the share allows per window.
        copy.MaxConcurrency = Math.Max(1, Math.Min(options.MaxConcurrency, share.RequestsPerMinute));
        if (options.BudgetUsd is { } budget)
        {
            copy.BudgetUsd = Math.Round(budget * fractionOfRun, 9, MidpointRounding.ToZero);
        }

        // A durable chunk can be cut off mid-judging (instance recycled, host crashed) and run again: each paid verdict goes
        // to the cache as it arrives, so the re-run pays again only for the requests that were in flight. With batches of 100
        // a killed host lost up to 99 paid verdicts per chunk (seen on the real backend: 54 requests for 50 pairs).
        copy.CacheWriteBatchSize = 1;

        return copy;
    }
}
