namespace Kimera.Judging.Definitions;

/// <summary>The kinds of judge a judge file can declare. Each kind is spelled as the shorthand judge name of its default
/// judge (<see cref="JudgeNames"/>), since <c>--judges kimera,llm</c> names a judge of each kind with its defaults.</summary>
public static class JudgeKinds
{
    /// <summary>The Kimera detector, with any of its engine options overridden (<see cref="KimeraOptionOverrides"/>).</summary>
    public const string Kimera = JudgeNames.Kimera;

    /// <summary>An LLM on an OpenAI-compatible endpoint, with its own endpoint, model, limits, prices and repeats.</summary>
    public const string Llm = JudgeNames.Llm;

    /// <summary>Every kind, in the default column order of their shorthand judges.</summary>
    public static IReadOnlyList<string> All => JudgeNames.All;
}
