using System.Collections.Concurrent;

namespace Kimera.Llm.Authentication;

/// <summary>Access tokens of an <see cref="ILlmAccessTokenSource"/>, one per request (scope and client id), each kept
/// until <see cref="RefreshMargin"/> before its <see cref="LlmAccessToken.ExpiresOn"/> by <see cref="TimeProvider"/>'s
/// clock, then fetched again. Requests in flight at once share one fetch.</summary>
public sealed class LlmAccessTokenCache
{
    /// <summary>How long before its expiry a token is replaced: a request signed now must still be valid when it arrives,
    /// and a retry after a long wait goes out with a fresh one.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly ILlmAccessTokenSource _source;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<LlmAccessTokenRequest, Entry> _entries = new();

    public LlmAccessTokenCache(ILlmAccessTokenSource source, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The token for <paramref name="request"/>: the kept one while it is fresh, else a new one from the source.</summary>
    public async ValueTask<string> GetTokenAsync(LlmAccessTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = _entries.GetOrAdd(request, _ => new Entry());
        await entry.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (entry.Token is { } kept && _timeProvider.GetUtcNow() < kept.ExpiresOn - RefreshMargin)
            {
                return kept.Token;
            }

            var token = await _source.GetTokenAsync(request, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(token.Token))
            {
                throw new InvalidOperationException("The credential returned an empty access token for the LLM endpoint.");
            }

            entry.Token = token;
            return token.Token;
        }
        finally
        {
            entry.Lock.Release();
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public LlmAccessToken? Token { get; set; }
    }
}
