using System.Globalization;

namespace Kimera.Statistics;

/// <summary>
/// Per-judge accuracy on slices of the labelled pairs, each with a Wilson score interval (closed form, so
/// hundreds of slices cost nothing; the bootstrap is kept for the headline metrics).
/// </summary>
/// <remarks>
/// Slices: pair length in quantile buckets (cut points over all labelled pairs, so every judge sees the same
/// buckets), language, pair type, negation (either text holds a §3 negation word), and lexical overlap (Jaccard of
/// the word sets). A judge's errors are left out of its slices.
/// </remarks>
public static class ErrorAnalysis
{
    /// <summary>Labels of slices with no value (unknown language or type).</summary>
    public const string Unknown = "unknown";

    /// <summary>The error analysis of the labelled rows.</summary>
    public static ErrorAnalysisResult Compute(IReadOnlyList<PairOutcome> rows, IReadOnlyList<string> judgeNames, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(judgeNames);
        ArgumentNullException.ThrowIfNull(options);
        var labelled = rows.Where(r => r.Label is not null).ToList();
        var lengths = labelled.Select(r => (double)TextFeatures.Length(r.Text1, r.Text2, r.TokenCount)).ToArray();
        var cuts = LengthCutPoints(lengths, options.LengthBuckets);
        var edges = options.OverlapBucketEdges;
        var lengthLabels = LengthLabels(cuts);
        var overlapLabels = OverlapLabels(edges);

        // Slice keys per row are computed once and shared by all judges.
        var keys = labelled.Select((r, i) => new
        {
            Length = lengthLabels[LengthBucket(lengths[i], cuts)],
            Language = string.IsNullOrEmpty(r.Lang) ? Unknown : r.Lang,
            Type = string.IsNullOrEmpty(r.Type) ? Unknown : r.Type,
            Negation = TextFeatures.HasNegation(r.Text1, r.Text2) ? "negation" : "no negation",
            Overlap = overlapLabels[OverlapBucket(TextFeatures.Jaccard(r.Text1, r.Text2), edges)],
        }).ToList();

        var judges = new Dictionary<string, JudgeErrorAnalysis>(StringComparer.Ordinal);
        for (var j = 0; j < judgeNames.Count; j++)
        {
            var judged = labelled.Select((r, i) => (Row: r, Key: keys[i])).Where(x => !x.Row.Judges[j].IsError).ToList();
            var correct = judged.Select(x => x.Row.Judges[j].Pred == x.Row.Label).ToList();
            List<ErrorAnalysisGroup> By(Func<int, string> key, IReadOnlyList<string>? order)
            {
                var groups = new Dictionary<string, (long Pairs, long Correct)>(StringComparer.Ordinal);
                for (var i = 0; i < judged.Count; i++)
                {
                    var k = key(i);
                    var current = groups.GetValueOrDefault(k);
                    groups[k] = (current.Pairs + 1, current.Correct + (correct[i] ? 1 : 0));
                }

                var names = order?.Where(groups.ContainsKey) ?? groups.Keys.Order(StringComparer.Ordinal);
                return [.. names.Select(name =>
                {
                    var (pairs, right) = groups[name];
                    return new ErrorAnalysisGroup(name, pairs, right, (double)right / pairs, ConfidenceInterval.Wilson(right, pairs, options.ConfidenceLevel));
                })];
            }

            judges[judgeNames[j]] = new JudgeErrorAnalysis(
                By(i => judged[i].Key.Length, lengthLabels),
                By(i => judged[i].Key.Language, null),
                By(i => judged[i].Key.Type, null),
                By(i => judged[i].Key.Negation, ["negation", "no negation"]),
                By(i => judged[i].Key.Overlap, overlapLabels));
        }

        var measure = labelled.Any(r => r.TokenCount is not null)
            ? "token count of both texts where given, else whitespace-separated words of both texts"
            : "whitespace-separated words of both texts";
        return new ErrorAnalysisResult("wilson", measure, cuts, [.. edges], judges);
    }

    /// <summary>Distinct type-7 quantiles at j/q, j = 1..q−1, of the lengths (none without lengths).</summary>
    public static double[] LengthCutPoints(IReadOnlyList<double> lengths, int buckets)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Count == 0)
        {
            return [];
        }

        var sorted = lengths.Order().ToArray();
        return [.. Enumerable.Range(1, buckets - 1).Select(j => ConfidenceInterval.Quantile(sorted, (double)j / buckets)).Distinct()];
    }

    /// <summary>Bucket of a length: the first i with length ≤ cut i, else the last bucket.</summary>
    public static int LengthBucket(double length, IReadOnlyList<double> cuts)
    {
        ArgumentNullException.ThrowIfNull(cuts);
        for (var i = 0; i < cuts.Count; i++)
        {
            if (length <= cuts[i])
            {
                return i;
            }
        }

        return cuts.Count;
    }

    /// <summary>Bucket of a Jaccard index: [0, e1) → 0, [e1, e2) → 1, …, [ek, 1] → k.</summary>
    public static int OverlapBucket(double jaccard, IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var bucket = 0;
        while (bucket < edges.Count && jaccard >= edges[bucket])
        {
            bucket++;
        }

        return bucket;
    }

    internal static string[] LengthLabels(IReadOnlyList<double> cuts)
    {
        if (cuts.Count == 0)
        {
            return ["all"];
        }

        var labels = new string[cuts.Count + 1];
        labels[0] = $"≤ {Format(cuts[0])}";
        for (var i = 1; i < cuts.Count; i++)
        {
            labels[i] = $"({Format(cuts[i - 1])}, {Format(cuts[i])}]";
        }

        labels[cuts.Count] = $"> {Format(cuts[^1])}";
        return labels;
    }

    internal static string[] OverlapLabels(IReadOnlyList<double> edges)
    {
        var bounds = new List<double> { 0 };
        bounds.AddRange(edges);
        bounds.Add(1);
        return [.. Enumerable.Range(0, bounds.Count - 1).Select(i =>
            i == bounds.Count - 2 ? $"[{Format(bounds[i])}, {Format(bounds[i + 1])}]" : $"[{Format(bounds[i])}, {Format(bounds[i + 1])})")];
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
