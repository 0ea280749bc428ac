using Kimera.Llm.Resilience;

namespace Kimera.Llm.Tests;

public sealed class RetryAfterHeadersTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("6m0s", 360_000)]
    [InlineData("20ms", 20)]
    [InlineData("2m59.56s", 179_560)]
    [InlineData("1h0m0s", 3_600_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("250us", 0.25)]
    public void Go_durations_from_the_reset_headers_are_read(string text, double expectedMs)
    {
        Assert.True(RetryAfterHeaders.TryParseGoDuration(text, out var duration));
        Assert.Equal(expectedMs, duration.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5")]
    [InlineData("-1s")]
    [InlineData("1d")]
    public void Other_text_is_not_a_go_duration(string text) =>
        Assert.False(RetryAfterHeaders.TryParseGoDuration(text, out _));

    [Fact]
    public void Retry_after_ms_wins_over_the_other_headers() =>
        Assert.Equal(TimeSpan.FromMilliseconds(150), Parse(("retry-after-ms", "150"), ("Retry-After", "2"), ("x-ratelimit-reset-requests", "6m0s")));

    [Fact]
    public void Retry_after_seconds_and_http_dates_are_read()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Parse(("Retry-After", "2")));
        Assert.Equal(TimeSpan.FromSeconds(30), Parse(("Retry-After", "Wed, 01 Jan 2025 12:00:30 GMT")));
        Assert.Equal(TimeSpan.Zero, Parse(("Retry-After", "Wed, 01 Jan 2025 11:59:00 GMT")));
    }

    [Fact]
    public void The_reset_of_the_exhausted_bucket_is_used()
    {
        // Requests left, tokens exhausted: wait for the tokens bucket (20 s), not the requests one (1 s).
        Assert.Equal(TimeSpan.FromSeconds(20), Parse(
            ("x-ratelimit-remaining-requests", "12"), ("x-ratelimit-reset-requests", "1s"),
            ("x-ratelimit-remaining-tokens", "0"), ("x-ratelimit-reset-tokens", "20s")));
        // Remaining unknown: the longer of the two.
        Assert.Equal(TimeSpan.FromMilliseconds(6500), Parse(("x-ratelimit-reset-requests", "6.5s"), ("x-ratelimit-reset-tokens", "17ms")));
    }

    [Fact]
    public void No_usable_header_gives_no_delay() => Assert.Null(Parse(("Retry-After", "later")));

    private static TimeSpan? Parse(params (string Name, string Value)[] headers) =>
        RetryAfterHeaders.Parse(
            name => headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault(),
            Now);
}
