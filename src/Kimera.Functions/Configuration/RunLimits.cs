using Kimera.Judging;
using Kimera.Llm;

namespace Kimera.Functions.Configuration;

/// <summary>The ranges run options must lie in, shared by the configuration validator and the HTTP body check.</summary>
public static class RunLimits
{
    public static readonly IReadOnlyList<string> KnownJudges = [KimeraJudge.JudgeName, LlmJudge.JudgeName];

    /// <param name="prefix">Prepended to each option name in the messages (<c>Kimera:Run:</c> or empty for a request body).</param>
    public static void Check(
        List<string> failures, string prefix, int chunkSize, int maxParallelChunks, int? maxPairs, int maxTextLength, int bootstrap, int folds, IReadOnlyList<string>? judges)
    {
        ArgumentNullException.ThrowIfNull(failures);
        Range(failures, prefix + "chunkSize", chunkSize, 1, 1_000_000);
        Range(failures, prefix + "maxParallelChunks", maxParallelChunks, 1, 1024);
        if (maxPairs is not null)
        {
            Range(failures, prefix + "maxPairs", maxPairs.Value, 1, int.MaxValue);
        }

        Range(failures, prefix + "maxTextLength", maxTextLength, 1, int.MaxValue);
        Range(failures, prefix + "bootstrap", bootstrap, 0, 1_000_000);
        Range(failures, prefix + "folds", folds, 2, 100);
        if (judges is not null)
        {
            if (judges.Count == 0)
            {
                failures.Add($"{prefix}judges must name at least one judge ({string.Join(", ", KnownJudges)}).");
            }

            foreach (var judge in judges.Where(j => !KnownJudges.Contains(j)))
            {
                failures.Add($"{prefix}judges: '{judge}' is not a known judge ({string.Join(", ", KnownJudges)}).");
            }
        }
    }

    private static void Range(List<string> failures, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{name} {value} must be between {min} and {max}.");
        }
    }
}
