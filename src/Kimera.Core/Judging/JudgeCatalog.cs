using System.Globalization;
using Kimera.Geoids;

namespace Kimera.Judging;

/// <summary>The one place that knows the judges: their names, how each is built, and what of their configuration
/// changes results (the run fingerprint's salt). Both engines build their judges here, so they cannot drift apart.</summary>
public sealed class JudgeCatalog
{
    private readonly KimeraEngineOptions _engineOptions;
    private readonly ILlmJudgeSource? _llm;

    /// <param name="engineOptions">Options of every Kimera judge.</param>
    /// <param name="llm">Absent when no LLM is configured; asking for the LLM judge then fails with a message saying so.</param>
    public JudgeCatalog(KimeraEngineOptions engineOptions, ILlmJudgeSource? llm = null)
    {
        ArgumentNullException.ThrowIfNull(engineOptions);
        _engineOptions = engineOptions;
        _llm = llm;
    }

    /// <summary>Whether the LLM judge can be built here.</summary>
    public bool HasLlm => _llm is not null;

    public KimeraEngineOptions EngineOptions => _engineOptions;

    /// <summary>Every problem with a judge list: empty, unknown names, duplicates.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string>? judges, string optionName)
    {
        var problems = new List<string>();
        if (judges is null || judges.Count == 0)
        {
            problems.Add($"{optionName} must name at least one judge ({string.Join(", ", JudgeNames.All)}).");
            return problems;
        }

        foreach (var judge in judges.Where(j => !JudgeNames.All.Contains(j, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            problems.Add($"{optionName}: '{judge}' is not a known judge ({string.Join(", ", JudgeNames.All)}).");
        }

        foreach (var judge in judges.GroupBy(j => j, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"{optionName}: '{judge}' is named more than once.");
        }

        return problems;
    }

    /// <summary>Everything besides the dataset and the run options that changes results: the embedding model and, when the
    /// LLM judge runs, its endpoint, model, prompt version and temperature. Formatted with the invariant culture, so a run
    /// gets the same fingerprint on every machine.</summary>
    public string ResultSalt(string embeddingModelId, IReadOnlyList<string> judges)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(embeddingModelId);
        ArgumentNullException.ThrowIfNull(judges);
        var salt = string.Create(CultureInfo.InvariantCulture, $"embedding:{embeddingModelId}");
        return judges.Contains(JudgeNames.Llm, StringComparer.Ordinal) && _llm is not null ? $"{salt}|{_llm.ResultSalt}" : salt;
    }

    /// <summary>Builds the named judges in order. <paramref name="llmShare"/> is what an LLM judge may use
    /// (<see cref="LlmShare.WholeRun"/> when one judge serves the whole run).</summary>
    /// <exception cref="InvalidOperationException">A name is unknown, or names the LLM judge where none is configured.</exception>
    public JudgeSet Create(IReadOnlyList<string> judges, LlmShare? llmShare = null)
    {
        ArgumentNullException.ThrowIfNull(judges);
        var built = new List<IPairJudge>(judges.Count);
        var owned = new List<IDisposable>();
        try
        {
            foreach (var name in judges)
            {
                switch (name)
                {
                    case JudgeNames.Kimera:
                        built.Add(new KimeraJudge(_engineOptions));
                        break;
                    case JudgeNames.Llm:
                        if (_llm is null)
                        {
                            throw new InvalidOperationException($"Judge '{name}' was asked for but no LLM is configured here (an API key is needed).");
                        }

                        var judge = _llm.Create(llmShare ?? LlmShare.WholeRun);
                        built.Add(judge);
                        if (judge is IDisposable disposable)
                        {
                            owned.Add(disposable);
                        }

                        break;
                    default:
                        throw new InvalidOperationException($"Unknown judge '{name}' (known: {string.Join(", ", JudgeNames.All)}).");
                }
            }
        }
        catch
        {
            owned.ForEach(o => o.Dispose());
            throw;
        }

        return new JudgeSet(judges.ToArray(), built, owned);
    }
}
