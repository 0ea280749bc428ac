using Kimera.Judging;
using Microsoft.Extensions.Logging;

namespace Kimera.Llm;

/// <summary>The judge's side of the judgement cache (<see cref="IJudgementCache"/>): the key of each pair under the judge's
/// model, prompt version and temperature, which pairs of a call are answered already and which are still to ask (each
/// distinct pair once), and writing new answers back in batches. Without a cache every pair is still to ask.</summary>
internal sealed class LlmAnswerCache(LlmJudgeOptions options, IJudgementCache? cache, ILogger logger)
{
    /// <summary>The cache key of a pair of texts (<see cref="LlmJudgementKey"/>); repeats after the first are keyed apart.</summary>
    public string Key(string first, string second, int repeat = 0) =>
        LlmJudgementKey.Compute(options.Model, options.PromptVersion, options.EffectiveTemperature ?? double.NaN, first, second, repeat, options.ReasoningEffort);

    /// <summary>Looks up every pair of <paramref name="pairs"/> for <paramref name="repeat"/>: each pair's key, the cached
    /// answers by key, and the keys still to ask with the indices of the pairs that share each.</summary>
    public async Task<(string[] Keys, IReadOnlyDictionary<string, Judgement> Cached, Dictionary<string, List<int>> Pending)> LookUpAsync(
        IReadOnlyList<JudgeInput> pairs, int repeat, CancellationToken cancellationToken)
    {
        var keys = new string[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(pairs[i], $"pairs[{i}]");
            keys[i] = Key(pairs[i].First.Echo, pairs[i].Second.Echo, repeat);
        }

        IReadOnlyDictionary<string, Judgement> cached = cache is null
            ? new Dictionary<string, Judgement>()
            : await cache.GetManyAsync(keys.Distinct(StringComparer.Ordinal).ToArray(), cancellationToken).ConfigureAwait(false);

        // Identical pairs are asked once: the same question must never be paid for twice.
        var pending = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            if (!cached.ContainsKey(keys[i]))
            {
                if (!pending.TryGetValue(keys[i], out var indices))
                {
                    pending[keys[i]] = indices = [];
                }

                indices.Add(i);
            }
        }

        return (keys, cached, pending);
    }

    /// <summary>Adds a judged pair's answer to <paramref name="toStore"/> (the answers of one call not written yet) and
    /// writes them all once there are <see cref="LlmJudgeOptions.CacheWriteBatchSize"/>. Safe to call from parallel pairs.</summary>
    public async Task AddAsync(List<KeyValuePair<string, Judgement>> toStore, string key, Judgement judgement, CancellationToken cancellationToken)
    {
        KeyValuePair<string, Judgement>[]? batch = null;
        lock (toStore)
        {
            toStore.Add(new(key, judgement));
            if (toStore.Count >= options.CacheWriteBatchSize)
            {
                batch = [.. toStore];
                toStore.Clear();
            }
        }

        if (batch is not null)
        {
            await StoreAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes <paramref name="batch"/>; a failed write is logged, not thrown.</summary>
    public async Task StoreAsync(KeyValuePair<string, Judgement>[] batch, CancellationToken cancellationToken)
    {
        if (cache is null || batch.Length == 0)
        {
            return;
        }

        try
        {
            await cache.SetManyAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The verdicts are in the results already; a broken cache costs only a repeat request next run.
            LlmJudgeLog.CacheWriteFailed(logger, e, batch.Length);
        }
    }
}
