using System.Globalization;
using Kimera.Statistics.Intervals;

namespace Kimera.Statistics.ErrorAnalysis;

/// <summary>
/// Per-judge accuracy on slices of the labelled pairs, each with a Wilson score interval (closed form, so
/// hundreds of slices cost nothing; the bootstrap is kept for the headline metrics).
/// </summary>
/// <remarks>
/// Slices: pair length in quantile buckets (cut points over all labelled pairs, so every judge sees the same
/// buckets), language, pair type, negation (either text holds a §3 negation word), lexical overlap (Jaccard of
/// the word sets), and, when some pair has one, the value of the dataset's slice column (<see cref="PairOutcome.Slice"/>,
/// MultiNLI's genre). A judge's errors are left out of its slices.
/// </remarks>
public static class ErrorAnalyzer
{
    /// <summary>Labels of slices with no value (unknown language or type).</summary>
    public const string Unknown = "unknown";

    /// <summary>The name of the slice when the caller gives none: the <c>slice</c> column of a results table.</summary>
    public const string DefaultSliceName = "slice";

    /// <summary>The error analysis of the labelled rows.</summary>
    public static ErrorAnalysisResult Compute(IReadOnlyList<PairOutcome> rows, IReadOnlyList<string> judgeNames, StatisticsOptions options) =>
        Compute(rows, judgeNames, options, sliceName: null);

    /// <summary>The error analysis of the labelled rows.</summary>
    /// <param name="sliceName">The name of the column <see cref="PairOutcome.Slice"/> comes from (<c>genre</c>), for the
    /// result; <see cref="DefaultSliceName"/> when null. Used only when some labelled row has a slice.</param>
    public static ErrorAnalysisResult Compute(IReadOnlyList<PairOutcome> rows, IReadOnlyList<string> judgeNames, StatisticsOptions options, string? sliceName)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(judgeNames);
        ArgumentNullException.ThrowIfNull(options);
        var labelled = rows.Where(r => r.Label is not null).ToArray();
        var n = labelled.Length;

        // Texts recur across pairs: tokenise each distinct text once (in parallel; pure, so order-independent).
        var textIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairTexts = new (int First, int Second)[n];
        for (var i = 0; i < n; i++)
        {
            pairTexts[i] = (Id(textIds, labelled[i].Text1 ?? string.Empty), Id(textIds, labelled[i].Text2 ?? string.Empty));
        }

        var distinct = textIds.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
        var words = new HashSet<string>[distinct.Length];
        var wordCounts = new int[distinct.Length];
        Parallel.For(0, distinct.Length, t =>
        {
            words[t] = TextFeatures.Words(distinct[t]).ToHashSet(StringComparer.Ordinal);
            wordCounts[t] = TextFeatures.Length(distinct[t], null, null);
        });

        var lengths = new double[n];
        var negations = new bool[n];
        var jaccards = new double[n];
        Parallel.For(0, n, i =>
        {
            var (first, second) = pairTexts[i];
            lengths[i] = labelled[i].TokenCount ?? (wordCounts[first] + wordCounts[second]);
            negations[i] = words[first].Overlaps(TextFeatures.NegationWords) || words[second].Overlaps(TextFeatures.NegationWords);
            jaccards[i] = TextFeatures.Jaccard(words[first], words[second]);
        });

        var cuts = LengthCutPoints(lengths, options.LengthBuckets);
        var edges = options.OverlapBucketEdges;
        var lengthLabels = LengthLabels(cuts);
        var overlapLabels = OverlapLabels(edges);
        var languages = new Slicing([.. labelled.Select(r => string.IsNullOrEmpty(r.Lang) ? Unknown : r.Lang)]);
        var types = new Slicing([.. labelled.Select(r => string.IsNullOrEmpty(r.Type) ? Unknown : r.Type)]);
        var lengthSlices = new Slicing(lengthLabels, [.. lengths.Select(x => LengthBucket(x, cuts))]);
        var negationSlices = new Slicing(["negation", "no negation"], [.. negations.Select(x => x ? 0 : 1)]);
        var overlapSlices = new Slicing(overlapLabels, [.. jaccards.Select(x => OverlapBucket(x, edges))]);
        var sliced = labelled.Any(r => r.Slice is not null);
        var slices = sliced ? new Slicing([.. labelled.Select(r => string.IsNullOrEmpty(r.Slice) ? Unknown : r.Slice)]) : null;

        var judges = new Dictionary<string, JudgeErrorAnalysis>(StringComparer.Ordinal);
        for (var j = 0; j < judgeNames.Count; j++)
        {
            var judged = new bool[n];
            var correct = new bool[n];
            for (var i = 0; i < n; i++)
            {
                var outcome = labelled[i].Judges[j];
                judged[i] = !outcome.IsError;
                correct[i] = judged[i] && outcome.Pred == labelled[i].Label;
            }

            judges[judgeNames[j]] = new JudgeErrorAnalysis(
                lengthSlices.Accuracy(judged, correct, options.ConfidenceLevel),
                languages.Accuracy(judged, correct, options.ConfidenceLevel),
                types.Accuracy(judged, correct, options.ConfidenceLevel),
                negationSlices.Accuracy(judged, correct, options.ConfidenceLevel),
                overlapSlices.Accuracy(judged, correct, options.ConfidenceLevel))
            {
                Slice = slices?.Accuracy(judged, correct, options.ConfidenceLevel),
            };
        }

        var measure = labelled.Any(r => r.TokenCount is not null)
            ? "token count of both texts where given, else whitespace-separated words of both texts"
            : "whitespace-separated words of both texts";
        return new ErrorAnalysisResult("wilson", measure, cuts, [.. edges], judges)
        {
            SliceName = sliced ? (string.IsNullOrEmpty(sliceName) ? DefaultSliceName : sliceName) : null,
        };
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

    private static int Id(Dictionary<string, int> ids, string text)
    {
        if (!ids.TryGetValue(text, out var id))
        {
            id = ids.Count;
            ids[text] = id;
        }

        return id;
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
