using Kimera.Judging;
using Kimera.Llm.Budget;
using Kimera.Llm.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Kimera.Llm;

/// <summary>The "llm" judge (docs/algorithm.md, "The LLM judge"): asks an OpenAI-compatible chat-completions endpoint through the
/// official SDK, inside one Polly pipeline (total timeout → retry → circuit breaker → max in-flight → rate
/// buckets → attempt timeout), with a judgement cache in front and a budget ledger beside it.
/// A pair that cannot be judged gets <see cref="Judgement.Failed"/>; nothing becomes a verdict by default.</summary>
/// <remarks>The pipeline wraps the SDK call rather than sitting in the HttpClient handler chain because the SDK
/// builds the HTTP request itself: only at this level are the request's token cost (for the tokens bucket) and
/// the parsed answer (for retrying an unparsable one) known, and every attempt is charged to both buckets.
/// <para>This class judges pairs and wires the pieces; each concern has its own type: <see cref="LlmAnswerCache"/> (cache
/// keys, look-ups, writes), <see cref="LlmJudgeResilience"/> (the Polly pipeline and retry rules),
/// <see cref="LlmPreflightProbe"/> (the preflight request), <see cref="LlmErrorWording"/> (every user-facing error),
/// <see cref="LlmChat"/> (the SDK client) and <see cref="LlmJudgeLog"/> (the log lines).</para></remarks>
public sealed partial class LlmJudge : IPairJudge, IDisposable
{
    /// <summary>The error recorded for pairs not asked because the budget was spent.</summary>
    public const string BudgetExhaustedError = "budget exhausted";

    /// <summary>How the error of a pair starts when the endpoint had been failing for longer than
    /// <see cref="LlmJudgeOptions.UnavailableAfter"/>; the cause follows.</summary>
    public const string UnavailablePrefix = "judge unavailable: ";

    private readonly LlmJudgeOptions _options;
    private readonly LlmChat _chat;
    private readonly LlmAnswerCache _answers;
    private readonly ILogger _logger;
    private readonly LlmUsageMeter _meter;
    private readonly LlmRateGate _gate;
    private readonly bool _ownsGate;
    private readonly LlmErrorWording _errors;
    private readonly LlmJudgeResilience _resilience;
    private readonly LlmPreflightProbe _preflight;
    private int _budgetExhausted;

    /// <param name="options">Validated here; throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>.</param>
    /// <param name="httpClient">The transport (from <c>IHttpClientFactory</c> in DI); its own timeout should be infinite,
    /// the pipeline's timeouts apply.</param>
    /// <param name="cache">Optional judgement cache; without it every run asks again.</param>
    /// <param name="timeProvider">The clock of the retry waits, timeouts, circuit breakers and rate buckets (see
    /// <see cref="LlmRateGate"/>), and the "now" that an HTTP-date <c>Retry-After</c> is measured from;
    /// <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    public LlmJudge(
        LlmJudgeOptions options, HttpClient httpClient, IJudgementCache? cache = null, ILogger<LlmJudge>? logger = null, TimeProvider? timeProvider = null)
        : this(options, httpClient, cache, logger, timeProvider ?? TimeProvider.System, Random.Shared.NextDouble)
    {
    }

    /// <param name="drawJitter">Returns a number in [0, 1) for each jitter: tests pass a fixed one so a wait is an exact value.</param>
    /// <param name="sharedGate">The rate buckets of the judge's endpoint when several judges share it (owned by whoever built
    /// them); <c>null</c> gives the judge its own, from its options.</param>
    /// <param name="accessTokens">The Entra ID tokens a judge with <see cref="Authentication.LlmAuthentication.Azure"/> signs with.</param>
    internal LlmJudge(
        LlmJudgeOptions options, HttpClient httpClient, IJudgementCache? cache, ILogger<LlmJudge>? logger, TimeProvider timeProvider, Func<double> drawJitter,
        LlmRateGate? sharedGate = null, Authentication.LlmAccessTokenCache? accessTokens = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(drawJitter);
        LlmJudgeOptionsValidator.ThrowIfInvalid(options);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _answers = new LlmAnswerCache(options, cache, _logger);
        Estimator = new LlmBudgetEstimator(options);
        _meter = new LlmUsageMeter(options.InputPrice, options.OutputPrice, options.BudgetUsd);
        _ownsGate = sharedGate is null;
        _gate = sharedGate ?? new LlmRateGate(options, timeProvider);
        _chat = new LlmChat(options, httpClient, accessTokens);
        _errors = new LlmErrorWording(options);
        _resilience = new LlmJudgeResilience(options, _gate, _errors, timeProvider, drawJitter, _logger);
        _preflight = new LlmPreflightProbe(options, _chat, Estimator, _meter, _gate, _resilience, _errors, timeProvider, _logger);
    }

    public string Name => _options.JudgeName;

    /// <summary>The rate buckets this judge draws from (shared with the other judges on its endpoint when built in a group).</summary>
    internal LlmRateGate Gate => _gate;

    /// <summary>Totals so far (requests, tokens, cost, 429s, retries, cache hits) for <c>report.json</c>.</summary>
    public LlmJudgeStats Stats => _meter.Snapshot();

    /// <summary>Counts <paramref name="usd"/> already spent toward the budget elsewhere (earlier runs into the same run folder,
    /// an earlier attempt of the same chunk), so the budget is one budget across stops, resumes and retries.</summary>
    public void CountSpentEarlier(decimal usd) => _meter.SpentEarlier(usd);

    /// <summary>What this judge may spend (its part of the run's budget, or of a chunk's share of it); <c>null</c> = no budget.</summary>
    public decimal? BudgetUsd => _options.BudgetUsd;

    /// <summary>Token counting and pricing with this judge's model and prices.</summary>
    public LlmBudgetEstimator Estimator { get; }

    /// <summary>The cache key of a pair of texts under this judge's model, prompt version and temperature.</summary>
    public string CacheKey(string first, string second, int repeat = 0) => _answers.Key(first, second, repeat);

    /// <summary>Prices the pairs that are not in the cache yet (each distinct pair once). Call before the run and
    /// refuse to start when <see cref="LlmCostEstimate.ExceedsBudget"/>.</summary>
    public async Task<LlmCostEstimate> EstimateAsync(IReadOnlyList<JudgeInput> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var toAsk = new List<JudgeInput>();
        foreach (var ordered in Orders(pairs))
        {
            for (var repeat = 0; repeat < _options.Repeats; repeat++)
            {
                var (_, _, pending) = await _answers.LookUpAsync(ordered, repeat, cancellationToken).ConfigureAwait(false);
                toAsk.AddRange(pending.Values.Select(indices => ordered[indices[0]]));
            }
        }

        // The preflight request is sent exactly when some pair is still to ask (PreflightAsync): it is part of the estimate.
        return Estimator.Estimate(toAsk, preflight: toAsk.Count > 0);
    }

    /// <summary>The two statements of the preflight request (a contradiction; its answer must be a verdict the parser reads,
    /// whichever verdict it is).</summary>
    public static readonly (string First, string Second) PreflightPair = ("The sky is blue.", "The sky is not blue.");

    /// <summary>The longest wait before the preflight's one retry (after a 429 or 5xx), whatever Retry-After asks for.</summary>
    public static readonly TimeSpan PreflightMaxRetryWait = TimeSpan.FromSeconds(10);

    /// <summary>Before the fan-out: one real chat completion on a fixed tiny prompt (<see cref="PreflightPair"/>, never
    /// cached), so that an endpoint that is down, wrong or hangs stops the run in seconds instead of failing every pair
    /// through every retry. Skipped (<see cref="LlmPreflightResult.Sent"/> false) when every pair is in the cache: such
    /// a run sends no request at all. One attempt within <see cref="LlmJudgeOptions.AttemptTimeout"/>; only a 408, 429
    /// or 5xx is tried once more, after the Retry-After the server asked for (at most <see cref="PreflightMaxRetryWait"/>)
    /// or <see cref="LlmJudgeOptions.RetryBaseDelay"/>. Connection refused, DNS failure, 401/403, 404 (model) and a
    /// timeout fail at once, and so does a 400 naming a request parameter (<see cref="LlmPreflightResult.RejectedParameter"/>).
    /// The pair is asked with the judge's own prompt, and its answer must be a verdict <see cref="Prompt.LlmAnswerParser"/> reads:
    /// an answer cut at the output-token limit (<c>finish_reason: "length"</c> or <c>content: null</c>, and no JSON verdict
    /// in it) fails at once (<see cref="LlmPreflightResult.AnswerCut"/>), and so does any other answer that is not the
    /// verdict (<see cref="LlmPreflightResult.AnswerUnparsable"/>): every pair would get the like.</summary>
    public async Task<LlmPreflightResult> PreflightAsync(IReadOnlyList<JudgeInput> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var anyPending = false;
        foreach (var ordered in Orders(pairs))
        {
            for (var repeat = 0; repeat < _options.Repeats && !anyPending; repeat++)
            {
                var (_, _, pending) = await _answers.LookUpAsync(ordered, repeat, cancellationToken).ConfigureAwait(false);
                anyPending = pending.Count > 0;
            }
        }

        if (!anyPending)
        {
            return new LlmPreflightResult(false, null);
        }

        return await _preflight.ProbeAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<Judgement>> JudgeManyAsync(IReadOnlyList<JudgeInput> pairs, CancellationToken cancellationToken = default) =>
        JudgeManyAsync(pairs, pairsJudged: null, cancellationToken);

    /// <summary>Each pair waits on a request: progress moves pair by pair.</summary>
    public bool ReportsEachPair => true;

    /// <summary>Judges every pair, telling <paramref name="pairsJudged"/> the cached pairs at once, then each pair (with its
    /// repeats in the call) as its answer or failure comes.</summary>
    public async Task<IReadOnlyList<Judgement>> JudgeManyAsync(IReadOnlyList<JudgeInput> pairs, IProgress<int>? pairsJudged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (_options.BothOrders)
        {
            return await JudgeBothOrdersAsync(pairs, pairsJudged, cancellationToken).ConfigureAwait(false);
        }

        if (_options.Repeats <= 1)
        {
            return await JudgeRepeatAsync(pairs, 0, pairsJudged, cancellationToken).ConfigureAwait(false);
        }

        // The repeats are asked side by side (they share the judge's rate buckets and budget); a pair counts as judged for
        // the progress when all its repeats are, on average.
        var progress = pairsJudged is null ? null : new RepeatProgress(pairsJudged, _options.Repeats);
        var repeats = await Task.WhenAll(Enumerable.Range(0, _options.Repeats)
            .Select(repeat => JudgeRepeatAsync(pairs, repeat, progress, cancellationToken))).ConfigureAwait(false);
        return [.. Enumerable.Range(0, pairs.Count).Select(i => RepeatedVerdict.Combine([.. repeats.Select(r => r[i])]))];
    }

    /// <summary>Each pair as (text1, text2) and as (text2, text1), each order <see cref="LlmJudgeOptions.Repeats"/> times, all side
    /// by side; the two orders are different prompts, so different cache keys. One verdict of all the answers
    /// (<see cref="OrderedVerdict"/>).</summary>
    private async Task<IReadOnlyList<Judgement>> JudgeBothOrdersAsync(IReadOnlyList<JudgeInput> pairs, IProgress<int>? pairsJudged, CancellationToken cancellationToken)
    {
        var orders = Orders(pairs);
        var progress = pairsJudged is null ? null : new RepeatProgress(pairsJudged, _options.Repeats * orders.Count);
        var asked = await Task.WhenAll(orders.SelectMany(ordered => Enumerable.Range(0, _options.Repeats)
            .Select(repeat => JudgeRepeatAsync(ordered, repeat, progress, cancellationToken)))).ConfigureAwait(false);
        var forward = asked[.._options.Repeats];
        var reversed = asked[_options.Repeats..];
        return [.. Enumerable.Range(0, pairs.Count).Select(i => OrderedVerdict.Combine([.. forward.Select(r => r[i])], [.. reversed.Select(r => r[i])]))];
    }

    /// <summary>The pairs in each order the judge asks: as given, and with the texts swapped when it asks both orders.</summary>
    private IReadOnlyList<IReadOnlyList<JudgeInput>> Orders(IReadOnlyList<JudgeInput> pairs) => _options.BothOrders
        ? [pairs, [.. pairs.Select(p => p with { First = p.Second, Second = p.First })]]
        : [pairs];

    private async Task<IReadOnlyList<Judgement>> JudgeRepeatAsync(IReadOnlyList<JudgeInput> pairs, int repeat, IProgress<int>? pairsJudged, CancellationToken cancellationToken)
    {
        var results = new Judgement[pairs.Count];
        var (keys, cached, pending) = await _answers.LookUpAsync(pairs, repeat, cancellationToken).ConfigureAwait(false);
        var hits = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            if (cached.TryGetValue(keys[i], out var judgement))
            {
                results[i] = judgement with { Usage = new JudgeUsage(FromCache: true) };
                hits++;
            }
        }

        _meter.CacheHits(hits);
        if (hits > 0)
        {
            pairsJudged?.Report(hits);
        }

        LlmJudgeLog.Starting(_logger, pairs.Count, hits, pending.Count, _options.Model, _options.Endpoint.GetLeftPart(UriPartial.Path));

        var toStore = new List<KeyValuePair<string, Judgement>>();
        var parallel = new ParallelOptions
        {
            // Twice the in-flight limit keeps the slots busy while some pairs sleep in a back-off.
            MaxDegreeOfParallelism = _options.MaxConcurrency * 2,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(pending, parallel, async (entry, token) =>
        {
            var judgement = await JudgeOneAsync(pairs[entry.Value[0]], token).ConfigureAwait(false);
            results[entry.Value[0]] = judgement;
            foreach (var index in entry.Value.Skip(1))
            {
                // A repeat of a pair in the same call shares the answer; what it cost is counted once, on the first.
                results[index] = judgement with { Usage = new JudgeUsage() };
            }

            if (judgement.IsJudged)
            {
                for (var n = 0; n < entry.Value.Count; n++)
                {
                    _meter.Judged();
                }

                await _answers.AddAsync(toStore, entry.Key, judgement, token).ConfigureAwait(false);
            }
            else
            {
                for (var n = 0; n < entry.Value.Count; n++)
                {
                    _meter.Failed(judgement.Error == BudgetExhaustedError);
                }
            }

            pairsJudged?.Report(entry.Value.Count);
        }).ConfigureAwait(false);

        await _answers.StoreAsync([.. toStore], cancellationToken).ConfigureAwait(false);
        var stats = _meter.Snapshot();
        LlmJudgeLog.Finished(_logger, stats.Requests, stats.InputTokens, stats.OutputTokens, stats.CostUsd, stats.RateLimited, stats.Retries, stats.Failed);
        return results;
    }

    public void Dispose()
    {
        if (_ownsGate)
        {
            _gate.Dispose();
        }
    }

    private async Task<Judgement> JudgeOneAsync(JudgeInput pair, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _budgetExhausted) != 0)
        {
            return Judgement.Failed(BudgetExhaustedError);
        }

        var first = pair.First.Echo;
        var second = pair.Second.Echo;
        var promptTokens = Estimator.PromptTokens(first, second);
        var work = new PairWork(
            pair.PairId,
            LlmChat.Messages(first, second),
            promptTokens,
            promptTokens + _options.OutputTokenLimit,
            Estimator.WorstCaseCost(promptTokens));

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(LlmJudgeResilience.WorkKey, work);
        try
        {
            var judgement = await _resilience.Pipeline.ExecuteAsync(
                static (ctx, state) => state.Judge.AttemptAsync(ctx, state.Work),
                context,
                (Judge: this, Work: work)).ConfigureAwait(false);
            return judgement with { Usage = UsageOf(work) };
        }
        catch (BudgetExhaustedException e)
        {
            if (Interlocked.Exchange(ref _budgetExhausted, 1) == 0)
            {
                LlmJudgeLog.BudgetReached(_logger, _options.BudgetUsd ?? 0);
            }

            if (e.PreviousFailure is { } previous)
            {
                // Asked, and failed; the budget only stopped a retry: the pair shows why it failed, and is not budget-skipped.
                // The note is in the parentheses, which the report's error causes leave out, so it groups with its cause.
                var cause = _errors.Describe(previous, work, "; " + BudgetExhaustedError + " before a retry");
                LlmJudgeLog.PairFailed(_logger, pair.PairId, cause);
                return Judgement.Failed(cause) with { Usage = UsageOf(work) };
            }

            return Judgement.Failed(BudgetExhaustedError) with { Usage = UsageOf(work) };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Every other way a pair can end is recorded as its error: no exception escapes, no pair is lost.
            // A pair that failed on a sick endpoint after the judge was declared unavailable says so, with the cause.
            var error = e is JudgeUnavailableException unavailable ? UnavailablePrefix + unavailable.Cause
                : LlmJudgeResilience.IsTransient(e) && _resilience.UnavailableCause is { } cause ? UnavailablePrefix + cause
                : _errors.Describe(e, work);
            LlmJudgeLog.PairFailed(_logger, pair.PairId, error);
            return Judgement.Failed(error) with { Usage = UsageOf(work) };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
