using System.Globalization;
using Kimera.Reporting;
using Kimera.Reporting.Model;

namespace Kimera.Cli.Summary;

/// <summary>The readable end of <c>kimera run</c>: per-judge metrics with confidence intervals, the comparison, the
/// reactor, where the time went (saying plainly what an earlier run into the folder had already done) and where the files are.</summary>
public static class RunSummaryView
{
    public static void Write(ISummaryOutput output, RunReport report, string location)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var statistics = report.Statistics;
        var dataset = report.Dataset;
        output.Line(
            Invariant($"{dataset.Source}: {dataset.Shape}, {report.Run.Pairs:N0} pairs ({statistics.Labelled:N0} labelled), {dataset.BadRows:N0} bad rows"),
            SummaryStyle.Bold);
        foreach (var line in DatasetLines(dataset))
        {
            output.Line(line);
        }

        if (SampleLine(dataset) is { } sample)
        {
            output.Line(sample, SummaryStyle.Warning);
        }

        foreach (var (line, i) in BadRowLines(dataset).Select((line, i) => (line, i)))
        {
            output.Line(line, i == 0 ? SummaryStyle.Warning : SummaryStyle.Normal);
        }

        StatisticsSummaryView.Write(output, statistics);
        foreach (var line in LlmCostLines(report.Judges))
        {
            output.Line(line);
        }

        output.Line(ReactorLine(report));

        output.Line(TimeLine(report.Timings, report.Run.Chunks) + $"; results in {location} (report.html to read)");
    }

    /// <summary>How the file was read and what it held besides pairs, a short line each: "read as jsonl, snli layout: text1 =
    /// sentence1, …", the label note when integer ids were named, "1 row without a gold label (line 11)". Nothing for a
    /// dataset.json written before formats were reported.</summary>
    public static IEnumerable<string> DatasetLines(DatasetReport dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.ReadAsText() is { } readAs)
        {
            yield return $"read as {readAs}";
        }

        if (dataset.LabelNoteText() is { } note)
        {
            yield return note;
        }

        if (dataset.NoGoldText() is { } noGold)
        {
            yield return noGold;
        }
    }

    /// <summary>"--sample 1000 asked for more pairs than the dataset has (50): all 50 are judged", or null when the sample (if
    /// any) was within the dataset.</summary>
    public static string? SampleLine(DatasetReport dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.Sample is { Asked: { } asked } sample && sample.ShortfallText() is { } shortfall
            ? Invariant($"--sample {asked} {shortfall}")
            : null;
    }

    /// <summary>When more than 1% of the rows read are bad (<see cref="BadRowsDigest"/>): the count by kind, then the first three
    /// bad rows with their lines and problems, then how many more there are and where they are listed. Nothing at or below
    /// 1%: the first line's count is enough.</summary>
    public static IEnumerable<string> BadRowLines(DatasetReport dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (BadRowsDigest.Of(dataset) is not { } digest)
        {
            yield break;
        }

        yield return digest.Headline();
        foreach (var problem in digest.First)
        {
            yield return "  " + problem;
        }

        if (digest.MoreText() is { } more)
        {
            yield return $"  {more}: every one in report.html (Dataset) and report.json (dataset.problems)";
        }
    }

    /// <summary>"engine details (no verdict depends on them): the reactor compared 100 pairs of texts, 3 left a scar (mean weight
    /// 0.412); embeddings from cache 40%", with n/a and the reason for a blank. It comes after the judges' figures and
    /// explains its terms in place, as report.html's engine details do.</summary>
    public static string ReactorLine(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var reactor = report.Reactor;
        var weight = reactor.ScarWeightMean is { } mean
            ? Invariant($"mean weight {mean:F3}")
            : $"mean weight {StatisticsSummaryView.NotAvailable}: no scar was made";
        var hitRate = report.Caches.Embeddings.HitRate is { } rate
            ? StatisticsSummaryView.Percent(rate)
            : $"{StatisticsSummaryView.NotAvailable} (no text was embedded)";
        return Invariant($"engine details (no verdict depends on them): the reactor compared {reactor.PairsProcessed:N0} random {(reactor.PairsProcessed == 1 ? "pair" : "pairs")} of texts, {reactor.Scars:N0} left a scar (resonance below its threshold; {weight}); embeddings from cache {hitRate}");
    }

    /// <summary>One line per judge that sent requests or answered from the LLM cache: its cost and how it was arrived at,
    /// "LLM cost of llm: $0.0123 measured (40 requests, 5,000 input + 800 output tokens, 300 of them reasoning)";
    /// "estimated" when answers came without token counts, "unknown" when the model's prices are not known.</summary>
    public static IEnumerable<string> LlmCostLines(IReadOnlyDictionary<string, JudgeTally> judges)
    {
        ArgumentNullException.ThrowIfNull(judges);
        foreach (var (name, tally) in judges)
        {
            if (tally.Requests == 0 && tally.CacheHits == 0)
            {
                continue;
            }

            var tokens = Invariant($"{tally.Requests:N0} requests, {tally.InputTokens:N0} input + {tally.OutputTokens:N0} output tokens");
            tokens += tally.ReasoningTokens > 0 ? Invariant($", {tally.ReasoningTokens:N0} of them reasoning") : string.Empty;
            yield return tally.CostBasis switch
            {
                Kimera.Judging.CostBases.Unknown =>
                    $"LLM cost of {name}: unknown ({tokens}; the model's prices are not known: give --llm-price-input and --llm-price-output)",
                Kimera.Judging.CostBases.Estimated =>
                    Invariant($"LLM cost of {name}: ${tally.CostUsd:0.######} estimated ({tokens}; {tally.UsageEstimatedRequests:N0} answers without usage, their tokens counted with the tokenizer)"),
                _ => Invariant($"LLM cost of {name}: ${tally.CostUsd:0.######} measured ({tokens})"),
            };
        }
    }

    /// <summary>Where the time went: the total, then what was processed and reused (<see cref="ThroughputText"/>).</summary>
    public static string TimeLine(RunTimings timings, int chunks)
    {
        ArgumentNullException.ThrowIfNull(timings);
        return Invariant($"time: {timings.TotalSeconds:F1} s ({ThroughputText.Describe(timings, chunks)})");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
