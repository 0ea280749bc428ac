using System.Globalization;
using System.Text.RegularExpressions;

namespace Kimera.Llm.Resilience;

/// <summary>Reads how long a server asks the client to wait: <c>retry-after-ms</c>, <c>Retry-After</c> (seconds or an
/// HTTP date) and OpenAI's <c>x-ratelimit-reset-requests</c> / <c>x-ratelimit-reset-tokens</c> (Go durations such as
/// <c>1s</c>, <c>6m0s</c>, <c>20ms</c>).</summary>
internal static partial class RetryAfterHeaders
{
    /// <summary>The wait the headers ask for, or <c>null</c> when none says anything usable.</summary>
    /// <param name="header">Looks a header up by name (case-insensitive), <c>null</c> when absent.</param>
    public static TimeSpan? Parse(Func<string, string?> header, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(header);

        // The explicit headers are the server's own answer for this response; the reset headers describe the buckets.
        if (double.TryParse(header("retry-after-ms"), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        var retryAfter = header("Retry-After")?.Trim();
        if (!string.IsNullOrEmpty(retryAfter))
        {
            if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParseExact(retryAfter, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        // Only a bucket that is empty (or whose remaining count is unknown) explains the refusal.
        TimeSpan? longest = null;
        foreach (var bucket in new[] { "requests", "tokens" })
        {
            var remaining = header("x-ratelimit-remaining-" + bucket);
            if (remaining is not null && long.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left) && left > 0)
            {
                continue;
            }

            if (TryParseGoDuration(header("x-ratelimit-reset-" + bucket), out var reset) && (longest is null || reset > longest))
            {
                longest = reset;
            }
        }

        return longest;
    }

    /// <summary>Parses Go's <c>time.Duration</c> text (<c>2m59.56s</c>, <c>20ms</c>, <c>1h0m0s</c>). Written by hand
    /// because .NET has no parser for this format and OpenAI sends nothing else in these headers.</summary>
    public static bool TryParseGoDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = GoDuration().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        double totalMs = 0;
        var values = match.Groups["value"].Captures;
        var units = match.Groups["unit"].Captures;
        for (var i = 0; i < values.Count; i++)
        {
            var value = double.Parse(values[i].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            totalMs += value * units[i].Value switch
            {
                "h" => 3_600_000,
                "m" => 60_000,
                "s" => 1_000,
                "ms" => 1,
                "us" or "µs" => 0.001,
                _ => 0.000_001, // ns
            };
        }

        duration = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    [GeneratedRegex(@"^(?:(?<value>\d+(?:\.\d+)?)(?<unit>h|ms|m|s|us|µs|ns))+$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();
}
