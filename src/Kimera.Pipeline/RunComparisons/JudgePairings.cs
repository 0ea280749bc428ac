using Kimera.Statistics.Noise;
using Kimera.Statistics.RunComparisons;

namespace Kimera.Pipeline.RunComparisons;

/// <summary>Which judges two runs compare: every judge both runs have (by name, in run A's order; repeat columns
/// <c>J@k</c> are not judges), or one judge of each named explicitly (<c>--judge a:NAME --judge b:NAME</c>).</summary>
public static class JudgePairings
{
    /// <exception cref="InvalidDataException">A named judge is not in its run, or the runs share no judge; the message
    /// lists the judges each run has.</exception>
    public static IReadOnlyList<JudgePairing> Resolve(RunResultsTable a, RunResultsTable b, string? judgeA = null, string? judgeB = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var namesA = JudgeRepeatGroups.Of(a.Judges).Judges;
        var namesB = JudgeRepeatGroups.Of(b.Judges).Judges;
        if (judgeA is not null || judgeB is not null)
        {
            var indexA = IndexOf(a, judgeA ?? judgeB!);
            var indexB = IndexOf(b, judgeB ?? judgeA!);
            return [new JudgePairing(a.Judges[indexA], indexA, b.Judges[indexB], indexB)];
        }

        var shared = namesA.Where(n => namesB.Contains(n, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (shared.Length == 0)
        {
            throw new InvalidDataException(
                $"the runs share no judge ({a.Source}: {string.Join(", ", namesA)}; {b.Source}: {string.Join(", ", namesB)}); pair two with --judge a:NAME --judge b:NAME.");
        }

        return [.. shared.Select(n => new JudgePairing(n, IndexOf(a, n), b.Judges.First(j => j.Equals(n, StringComparison.OrdinalIgnoreCase)), IndexOf(b, n)))];
    }

    private static int IndexOf(RunResultsTable run, string judge)
    {
        for (var i = 0; i < run.Judges.Count; i++)
        {
            if (run.Judges[i].Equals(judge, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new InvalidDataException($"{run.Source}: no judge '{judge}'; its judges: {string.Join(", ", JudgeRepeatGroups.Of(run.Judges).Judges)}.");
    }
}
