namespace Kimera.Judging.Definitions;

/// <summary>The kinds of judge a judge file can declare.</summary>
public static class JudgeKinds
{
    /// <summary>The Kimera detector, with any of its engine options overridden (<see cref="KimeraOptionOverrides"/>).</summary>
    public const string Kimera = "kimera";

    /// <summary>An LLM on an OpenAI-compatible endpoint, with its own endpoint, model, limits, prices and repeats.</summary>
    public const string Llm = "llm";

    public static IReadOnlyList<string> All { get; } = [Kimera, Llm];
}
