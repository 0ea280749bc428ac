using Kimera.Reporting.Model;
using static Kimera.Reporting.Cells;

namespace Kimera.Reporting.Sections;

/// <summary>A run's time, throughput and caches, and each judge's requests, tokens and cost.</summary>
internal sealed class ThroughputSection : IReportSection
{
    public void Write(ReportPage page)
    {
        if (page.Run is not { } run)
        {
            return;
        }

        var html = page.Output;
        var t = run.Timings;
        html.Append("<section id=\"throughput\"><h2>Throughput and cost</h2><table class=\"facts\"><tbody>")
            .Append(Fact("total time", $"{Fmt.Number(t.TotalSeconds, "0.0")} s (plan {Fmt.Number(t.PlanSeconds, "0.0")} s, process {Fmt.Number(t.ProcessSeconds, "0.0")} s, aggregate {Fmt.Number(t.AggregateSeconds, "0.0")} s)"))
            .Append(Fact("this session", ThroughputText.Describe(t, run.Run.Chunks)))
            .Append(Fact("time per pair per worker", $"{Fmt.Number(t.MillisecondsPerPairPerWorker, "0.00")} ms"))
            .Append(Fact("embedding cache", CacheText(run.Caches.Embeddings)));
        if (run.Caches.Judgements is { } judgements)
        {
            html.Append(Fact("LLM answer cache", CacheText(judgements)));
        }

        html.Append("</tbody></table><table><thead><tr><th>judge</th><th>judged</th><th>errors</th><th>called contradiction</th><th>requests</th><th>input tokens</th><th>output tokens</th><th>cost (USD)</th><th>cost per 1,000 pairs</th><th>cache hits</th><th>rate-limited</th><th>retries</th></tr></thead><tbody>");
        foreach (var (name, tally) in run.Judges)
        {
            var pairs = tally.Judged + tally.Errors;
            html.Append("<tr><th scope=\"row\">").Append(page.Swatch(name)).Append(Html.Text(name)).Append("</th>")
                .Append(Cell(Fmt.Count(tally.Judged)))
                .Append(Cell(Fmt.Count(tally.Errors)))
                .Append(Cell(Fmt.Count(tally.Contradictions)))
                .Append(Cell(Fmt.Count(tally.Requests)))
                .Append(Cell(Fmt.Count(tally.InputTokens)))
                .Append(Cell(Fmt.Count(tally.OutputTokens)))
                .Append(Cell(CostText(tally, tally.CostUsd)))
                .Append(Cell(pairs == 0 ? Fmt.None : CostText(tally, tally.CostUsd * 1000 / pairs)))
                .Append(Cell(Fmt.Count(tally.CacheHits)))
                .Append(Cell(Fmt.Count(tally.RateLimited)))
                .Append(Cell(Fmt.Count(tally.Retries)))
                .Append("</tr>");
        }

        html.Append("</tbody></table><p class=\"note\">Kimera runs locally and makes no paid requests; LLM cost is computed from the tokens reported by the API and the price of the model (its profile's list price, or the price options); \"estimated\" when an answer came without token counts and they were counted with the tokenizer, \"unknown\" when the model's prices are not known.</p></section>\n");
    }

    /// <summary>A cost as its basis allows: the amount, the amount marked estimated, or "unknown".</summary>
    private static string CostText(JudgeTally tally, double usd) => tally.CostBasis switch
    {
        Kimera.Judging.CostBases.Unknown => Kimera.Judging.CostBases.Unknown,
        Kimera.Judging.CostBases.Estimated => Fmt.Number(usd, "0.0000") + " (estimated)",
        _ => Fmt.Number(usd, "0.0000"),
    };

    private static string CacheText(CacheReport cache) => $"{Fmt.Count(cache.Hits)} hits, {Fmt.Count(cache.Misses)} misses ({Fmt.Percent(cache.HitRate)} hit rate)";
}
