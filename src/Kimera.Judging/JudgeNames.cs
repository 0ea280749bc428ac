using Kimera.Judging.Detector;

namespace Kimera.Judging;

/// <summary>The judges a run can ask for, by the name that prefixes their columns in <c>pairs.csv</c> and keys their statistics.</summary>
public static class JudgeNames
{
    /// <summary>The Kimera contradiction detector (<see cref="KimeraJudge"/>).</summary>
    public const string Kimera = "kimera";

    /// <summary>The LLM judge on an OpenAI-compatible endpoint (built in <c>Kimera.Llm</c>).</summary>
    public const string Llm = "llm";

    /// <summary>Every known judge, in the default column order.</summary>
    public static IReadOnlyList<string> All { get; } = [Kimera, Llm];
}
