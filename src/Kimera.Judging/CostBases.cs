namespace Kimera.Judging;

/// <summary>How an LLM cost was arrived at, as report.json, report.html and the summary of <c>kimera run</c> say it.</summary>
public static class CostBases
{
    /// <summary>Every request's tokens were reported by the API (<c>usage</c>) and the prices are known.</summary>
    public const string Measured = "measured";

    /// <summary>Some request's answer had no <c>usage</c>: its tokens were counted with the tokenizer.</summary>
    public const string Estimated = "estimated";

    /// <summary>The model's prices are not known: no cost can be given.</summary>
    public const string Unknown = "unknown";
}
