using System.Diagnostics;
using System.Globalization;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Llm;
using Kimera.TestSupport.FakeOpenAi;

namespace Kimera.Bench;

/// <summary>The LLM judge against the fake server with a 600 requests/min limit and 50 ms latency: the achieved
/// request rate should be at least 95% of the limit with no failed pair.</summary>
internal static class LlmThroughputBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pairCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        const int limit = 600;
        var window = TimeSpan.FromMinutes(1);
        await using var server = await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
        {
            RequestLimit = limit,
            LimitWindow = window,
            Latency = TimeSpan.FromMilliseconds(50),
            ExpectedApiKey = "sk-bench",
        });
        var options = new LlmJudgeOptions
        {
            Endpoint = server.BaseUrl,
            ApiKey = "sk-bench",
            RequestsPerMinute = limit,
            RateWindow = window,
        };
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var judge = new LlmJudge(options, http);
        var pairs = Enumerable.Range(0, pairCount)
            .Select(i => new JudgeInput(
                $"p{i}",
                new Geoid($"Statement number {i} is true", "en", []),
                new Geoid(i % 2 == 0 ? $"Statement number {i} is false" : $"Statement number {i} holds", "en", [])))
            .ToArray();

        Console.WriteLine($"llm-throughput: {pairCount} pairs, server limit {limit}/min, 50 ms latency, client {options.RequestsPerMinute}/min, headroom {options.RateHeadroom:P0}, max concurrency {options.MaxConcurrency}");
        var clock = Stopwatch.StartNew();
        var results = await judge.JudgeManyAsync(pairs);
        clock.Stop();

        var stats = judge.Stats;
        var failed = results.Count(r => !r.IsJudged);
        var minutes = clock.Elapsed.TotalMinutes;
        var requestRate = server.Requests.Count / minutes;
        var pairRate = results.Count(r => r.IsJudged) / minutes;
        var wrong = results.Where((r, i) => r.IsContradiction != (i % 2 == 0)).Count();
        Console.WriteLine($"elapsed                 {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"requests at server      {server.Requests.Count}");
        Console.WriteLine($"achieved request rate   {requestRate:0.0}/min = {requestRate / limit:P1} of the limit");
        Console.WriteLine($"judged pair rate        {pairRate:0.0}/min = {pairRate / limit:P1} of the limit");
        Console.WriteLine($"max in any 60 s window  {server.MaxRequestsInAnyWindow(window)} (limit {limit})");
        Console.WriteLine($"429s received           {stats.RateLimited} (server limit refusals {server.LimitRejections})");
        Console.WriteLine($"retries                 {stats.Retries}");
        Console.WriteLine($"failed pairs            {failed}");
        Console.WriteLine($"verdicts differing from the fake model {wrong}");
        var pass = requestRate >= 0.95 * limit && failed == 0;
        Console.WriteLine(pass ? "PASS: rate >= 95% of the limit, 0 failed pairs" : "FAIL");
        return pass ? 0 : 1;
    }
}
