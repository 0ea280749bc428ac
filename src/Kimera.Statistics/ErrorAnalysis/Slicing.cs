using Kimera.Statistics.Intervals;

namespace Kimera.Statistics.ErrorAnalysis;

/// <summary>One way of slicing the labelled pairs: a group index per pair and the group names in display order.</summary>
internal sealed class Slicing
{
    private readonly string[] _names;
    private readonly int[] _groupOf;

    /// <summary>Slices with fixed names (buckets), in the given order.</summary>
    public Slicing(string[] names, int[] groupOf)
    {
        _names = names;
        _groupOf = groupOf;
    }

    /// <summary>Slices by a string value per pair, named by the value, in ordinal order.</summary>
    public Slicing(string[] values)
    {
        _names = [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var index = _names.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        _groupOf = [.. values.Select(v => index[v])];
    }

    /// <summary>Accuracy with a Wilson interval per group over the judged pairs; empty groups are left out.</summary>
    public List<ErrorAnalysisGroup> Accuracy(bool[] judged, bool[] correct, double level)
    {
        var pairs = new long[_names.Length];
        var right = new long[_names.Length];
        for (var i = 0; i < _groupOf.Length; i++)
        {
            if (judged[i])
            {
                pairs[_groupOf[i]]++;
                right[_groupOf[i]] += correct[i] ? 1 : 0;
            }
        }

        return [.. Enumerable.Range(0, _names.Length)
            .Where(g => pairs[g] > 0)
            .Select(g => new ErrorAnalysisGroup(_names[g], pairs[g], right[g], (double)right[g] / pairs[g], ConfidenceInterval.Wilson(right[g], pairs[g], level)))];
    }
}
