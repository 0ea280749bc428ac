using System.Diagnostics;
using System.Globalization;
using Kimera.Engine.Geoids;
using Kimera.Judging;
using Kimera.Judging.Definitions;
using Kimera.Llm;
using Kimera.TestSupport.FakeOpenAi;
using Microsoft.Extensions.DependencyInjection;

namespace Kimera.Bench;

/// <summary>
/// Issue 15's two-LLM target: two LLM judges from a judge set, each on its own loopback fake server that refuses more than
/// 600 requests a minute (50 ms latency), each declared with <c>requestsPerMinute: 600</c>, judging the same pairs side by
/// side as a chunk does. Each should reach at least 95% of its limit, and neither starve the other (their rates within 5%
/// of each other), with no request refused by a server.
/// </summary>
internal static class TwoLlmJudgesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pairCount = BenchSupport.IntArg(args, "--pairs", 1300);
        const int limit = 600;
        var servers = new List<FakeOpenAiServer>();
        for (var i = 0; i < 2; i++)
        {
            servers.Add(await FakeOpenAiServer.StartAsync(new FakeOpenAiOptions
            {
                RequestLimit = limit,
                LimitWindow = TimeSpan.FromMinutes(1),
                Latency = TimeSpan.FromMilliseconds(50),
                ExpectedApiKey = "sk-bench",
            }));
        }

        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddLlmJudge(options => options.ApiKey = "sk-bench");
            await using var provider = services.BuildServiceProvider();
            var catalog = new JudgeCatalog(new KimeraEngineOptions(), provider.GetRequiredService<ILlmJudgeSource>());
            JudgeDefinition[] judges =
            [
                new() { Name = "first", Kind = JudgeKinds.Llm, Endpoint = servers[0].BaseUrl.ToString(), RequestsPerMinute = limit },
                new() { Name = "second", Kind = JudgeKinds.Llm, Endpoint = servers[1].BaseUrl.ToString(), Model = "llama3.1", RequestsPerMinute = limit },
            ];
            using var set = catalog.Create(judges);
            var pairs = Enumerable.Range(0, pairCount)
                .Select(i => new JudgeInput(
                    $"p{i}",
                    new Geoid($"Statement number {i} is true", "en", []),
                    new Geoid(i % 2 == 0 ? $"Statement number {i} is not true" : $"Statement number {i} holds", "en", [])))
                .ToArray();

            Console.WriteLine($"two-llm-judges: {pairCount} pairs each, two servers limited to {limit}/min each, 50 ms latency; load average {BenchSupport.LoadAverage()}");
            var clocks = new Stopwatch[2];
            var results = await Task.WhenAll(set.Judges.Select(async (judge, i) =>
            {
                clocks[i] = Stopwatch.StartNew();
                var verdicts = await judge.JudgeManyAsync(pairs);
                clocks[i].Stop();
                return verdicts;
            }));

            var rates = new double[2];
            for (var i = 0; i < 2; i++)
            {
                rates[i] = servers[i].Requests.Count / clocks[i].Elapsed.TotalMinutes;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {judges[i].Name}: {servers[i].Requests.Count} requests in {clocks[i].Elapsed.TotalSeconds:F1} s = {rates[i]:F1}/min = {rates[i] / limit:P1} of its limit; " +
                    $"max in any 60 s {servers[i].MaxRequestsInAnyWindow(TimeSpan.FromMinutes(1))}; refused {servers[i].LimitRejections}; failed pairs {results[i].Count(r => !r.IsJudged)}"));
            }

            var balance = rates.Min() / rates.Max();
            var pass = rates.All(r => r >= 0.95 * limit) && balance >= 0.95 && servers.All(s => s.LimitRejections == 0) && results.All(r => r.All(j => j.IsJudged));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"slower over faster judge {balance:F3}; {(pass ? "PASS: each >= 95% of its limit, neither starved, nothing refused or failed" : "FAIL")}"));
            return pass ? 0 : 1;
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
