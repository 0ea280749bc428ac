using System.Globalization;

namespace Kimera.Pipeline.Artifacts;

/// <summary>Names of a run's artifacts inside its store.</summary>
public static class RunArtifacts
{
    public const string Plan = "plan.json";
    public const string Dataset = "dataset.json";
    public const string Pairs = "pairs.csv";
    public const string Report = "report.json";
    public const string ReportHtml = "report.html";
    /// <summary>LLM money spent in this folder that no chunk summary accounts for (chunks stopped or failed mid-way).</summary>
    public const string LlmSpend = "llm-spend.json";
    /// <summary>What every LLM judge's spend records start with (one per LLM judge: <see cref="LlmSpendOf"/>).</summary>
    public const string LlmSpendPrefix = "llm-spend";
    public const string ChunksPrefix = "chunks/";
    public const string ResultsPrefix = "results/";

    public static string ChunkPairs(int index) => string.Create(CultureInfo.InvariantCulture, $"chunks/{index:D5}.csv");

    public static string ChunkResults(int index) => string.Create(CultureInfo.InvariantCulture, $"results/{index:D5}.csv");

    /// <summary>LLM money spent by attempts of the chunk that failed before writing its summary (durable engine).</summary>
    public static string ChunkLlmSpend(int index) => string.Create(CultureInfo.InvariantCulture, $"results/{index:D5}.llm-spend.json");

    /// <summary>The folder's spend record of LLM judge <paramref name="judge"/>: <see cref="LlmSpend"/> for the judge named
    /// <c>llm</c> (as it always was), <c>llm-spend.NAME.json</c> for the others.</summary>
    public static string LlmSpendOf(string judge) => judge == Judging.JudgeNames.Llm ? LlmSpend : $"llm-spend.{judge}.json";

    /// <summary>The chunk's spend record of LLM judge <paramref name="judge"/> (<see cref="ChunkLlmSpend(int)"/> for <c>llm</c>).</summary>
    public static string ChunkLlmSpend(int index, string judge) => judge == Judging.JudgeNames.Llm
        ? ChunkLlmSpend(index)
        : string.Create(CultureInfo.InvariantCulture, $"results/{index:D5}.llm-spend.{judge}.json");

    public static string ChunkSummary(int index) => string.Create(CultureInfo.InvariantCulture, $"results/{index:D5}.json");
}
