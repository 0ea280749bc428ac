using Kimera.Judging;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.Extensions.Logging;

namespace Kimera.Llm.Tests;

/// <summary>Builds a judge aimed at a fake server with quick retries, the way the CLI would build it.</summary>
internal static class JudgeFactory
{
    public const string ApiKey = "sk-test-NEVER-LOG-ME-0123456789";

    /// <summary>The jitter every judge built with a clock draws: the middle of [0, 1), so a jittered wait is exact.</summary>
    public const double FixedJitter = 0.5;

    /// <param name="clock">The judge's clock; with one, every jitter is <see cref="FixedJitter"/>. Without, the real
    /// clock and random jitter, as in production.</param>
    public static LlmJudge Create(
        FakeOpenAiServer server,
        Action<LlmJudgeOptions>? configure = null,
        IJudgementCache? cache = null,
        ILoggerFactory? loggers = null,
        TimeProvider? clock = null)
    {
        var options = new LlmJudgeOptions
        {
            Endpoint = server.BaseUrl,
            ApiKey = ApiKey,
            RequestsPerMinute = 100_000,
            TokensPerMinute = 100_000_000,
            MaxConcurrency = 8,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(60),
        };
        configure?.Invoke(options);
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        return clock is null
            ? new LlmJudge(options, http, cache, loggers?.CreateLogger<LlmJudge>())
            : new LlmJudge(options, http, cache, loggers?.CreateLogger<LlmJudge>(), clock, () => FixedJitter);
    }
}
