using System.Globalization;

namespace Kimera.Orchestration.RealHost;

/// <summary>What the test tells a child host process, through environment variables (the test reads the same names).</summary>
public sealed record ChildHostSettings(
    string ConnectionString,
    string HubName,
    string DatasetsContainer,
    string RunsContainer,
    string EmbeddingsTable,
    string JudgementsTable,
    string MarkerDirectory,
    string ReadyFile,
    IReadOnlyList<int> HoldSummaries,
    Uri? LlmEndpoint,
    decimal? LlmBudgetUsd)
{
    private const string Prefix = "KIMERA_REALHOST_";

    public IReadOnlyDictionary<string, string> ToEnvironment()
    {
        var variables = new Dictionary<string, string>
        {
            [Prefix + nameof(ConnectionString)] = ConnectionString,
            [Prefix + nameof(HubName)] = HubName,
            [Prefix + nameof(DatasetsContainer)] = DatasetsContainer,
            [Prefix + nameof(RunsContainer)] = RunsContainer,
            [Prefix + nameof(EmbeddingsTable)] = EmbeddingsTable,
            [Prefix + nameof(JudgementsTable)] = JudgementsTable,
            [Prefix + nameof(MarkerDirectory)] = MarkerDirectory,
            [Prefix + nameof(ReadyFile)] = ReadyFile,
        };
        if (HoldSummaries.Count > 0)
        {
            variables[Prefix + nameof(HoldSummaries)] = string.Join(',', HoldSummaries.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        }

        if (LlmEndpoint is not null)
        {
            variables[Prefix + nameof(LlmEndpoint)] = LlmEndpoint.AbsoluteUri;
        }

        if (LlmBudgetUsd is { } budget)
        {
            variables[Prefix + nameof(LlmBudgetUsd)] = budget.ToString(CultureInfo.InvariantCulture);
        }

        return variables;
    }

    public static ChildHostSettings FromEnvironment()
    {
        static string Required(string name) =>
            Environment.GetEnvironmentVariable(Prefix + name) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"Environment variable {Prefix}{name} is not set.");

        static string? Optional(string name) => Environment.GetEnvironmentVariable(Prefix + name) is { Length: > 0 } value ? value : null;

        return new ChildHostSettings(
            Required(nameof(ConnectionString)),
            Required(nameof(HubName)),
            Required(nameof(DatasetsContainer)),
            Required(nameof(RunsContainer)),
            Required(nameof(EmbeddingsTable)),
            Required(nameof(JudgementsTable)),
            Required(nameof(MarkerDirectory)),
            Required(nameof(ReadyFile)),
            Optional(nameof(HoldSummaries)) is { } held ? held.Split(',').Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToArray() : [],
            Optional(nameof(LlmEndpoint)) is { } endpoint ? new Uri(endpoint) : null,
            Optional(nameof(LlmBudgetUsd)) is { } budget ? decimal.Parse(budget, CultureInfo.InvariantCulture) : null);
    }
}
