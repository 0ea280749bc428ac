using Kimera.Engine.Geoids;
using Kimera.Judging;

namespace Kimera.Llm.Tests;

/// <summary>Pairs for the judge tests: every third one a negated statement (a contradiction for the fake model).</summary>
internal static class TestPairs
{
    private static readonly string[] Subjects = ["The sky", "Water", "The old bridge", "Snow", "This road", "La mer", "القمر"];

    public static JudgeInput Pair(string id, string first, string second) =>
        new(id, new Geoid(first, "en", []), new Geoid(second, "en", []));

    public static IReadOnlyList<JudgeInput> Make(int count, string tag = "")
    {
        var pairs = new List<JudgeInput>(count);
        for (var i = 0; i < count; i++)
        {
            var subject = Subjects[i % Subjects.Length];
            var first = $"{subject} is calm number {i}{tag}";
            var second = (i % 3) switch
            {
                0 => $"{subject} is not calm number {i}{tag}",
                1 => $"{subject} stays calm number {i}{tag}",
                _ => $"{subject} is calm number {i}{tag} is incorrect",
            };
            pairs.Add(Pair($"p{i}", first, second));
        }

        return pairs;
    }

    /// <summary>The fake model's verdict, restated here independently of the server: exactly one text holds
    /// "not", "false" or "incorrect" as a word. The pairs of <see cref="Make"/> contradict when i % 3 is 0 or 2.</summary>
    public static bool ExpectedContradiction(int index) => index % 3 != 1;
}
