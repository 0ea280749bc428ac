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

    /// <summary>The host's <c>maxConcurrentActivityFunctions</c> (chunks it runs at once); null keeps host.json's.</summary>
    public int? MaxConcurrentActivities { get; init; }

    /// <summary>After this many chunks, every further ProcessChunk work item of this host waits before it runs (so before
    /// any LLM request) until <see cref="ReleaseFile"/> exists, or forever without one: a host whose slots are full of
    /// chunks that spent nothing yet, to be killed or released by a test (ChunkHold). Null: no chunk waits.</summary>
    public int? HoldChunksAfter { get; init; }

    /// <summary>The file whose arrival lets <see cref="HoldChunksAfter"/>'s held chunks go on.</summary>
    public string? ReleaseFile { get; init; }

    /// <summary>False: no judgement cache, so every run asks the LLM again (the scale-out benchmark's repeated rounds).</summary>
    public bool CacheJudgements { get; init; } = true;

    /// <summary>The LLM judge's requests in flight per chunk (<c>Kimera:Llm:MaxConcurrency</c>); null keeps the default.</summary>
    public int? LlmMaxConcurrency { get; init; }

    /// <summary>Prices of the LLM judge (US dollars per million input and output tokens); null keeps the model's profile.</summary>
    public (decimal Input, decimal Output)? LlmPricesPerMillion { get; init; }

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

        Put(variables, nameof(MaxConcurrentActivities), MaxConcurrentActivities);
        Put(variables, nameof(HoldChunksAfter), HoldChunksAfter);
        Put(variables, nameof(LlmMaxConcurrency), LlmMaxConcurrency);
        if (ReleaseFile is not null)
        {
            variables[Prefix + nameof(ReleaseFile)] = ReleaseFile;
        }

        if (!CacheJudgements)
        {
            variables[Prefix + nameof(CacheJudgements)] = "false";
        }

        if (LlmPricesPerMillion is { } prices)
        {
            variables[Prefix + nameof(LlmPricesPerMillion)] = string.Create(CultureInfo.InvariantCulture, $"{prices.Input},{prices.Output}");
        }

        return variables;
    }

    private static void Put(Dictionary<string, string> variables, string name, int? value)
    {
        if (value is { } set)
        {
            variables[Prefix + name] = set.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static int? OptionalInt(string? value) => value is null ? null : int.Parse(value, CultureInfo.InvariantCulture);

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
            Optional(nameof(LlmBudgetUsd)) is { } budget ? decimal.Parse(budget, CultureInfo.InvariantCulture) : null)
        {
            MaxConcurrentActivities = OptionalInt(Optional(nameof(MaxConcurrentActivities))),
            HoldChunksAfter = OptionalInt(Optional(nameof(HoldChunksAfter))),
            ReleaseFile = Optional(nameof(ReleaseFile)),
            CacheJudgements = Optional(nameof(CacheJudgements)) != "false",
            LlmMaxConcurrency = OptionalInt(Optional(nameof(LlmMaxConcurrency))),
            LlmPricesPerMillion = Optional(nameof(LlmPricesPerMillion)) is { } prices
                ? (decimal.Parse(prices.Split(',')[0], CultureInfo.InvariantCulture), decimal.Parse(prices.Split(',')[1], CultureInfo.InvariantCulture))
                : null,
        };
    }
}
