using System.Globalization;
using System.Text;
using Kimera.Engine.Geoids;
using Kimera.Judging.Definitions;
using Kimera.Judging.Detector;

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

    /// <summary>Everything besides the dataset and the run options that changes results: the embedding model, each Kimera
    /// variant's overridden options and each LLM judge's endpoint, model, prompt version, temperature and repeats. Judges
    /// named by shorthand add what they always added (nothing for <c>kimera</c>, the configured LLM for <c>llm</c>), so their
    /// runs keep their fingerprints. Formatted with the invariant culture, so a run gets the same fingerprint on every machine.</summary>
    public string ResultSalt(string embeddingModelId, IReadOnlyList<JudgeDefinition> judges)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(embeddingModelId);
        ArgumentNullException.ThrowIfNull(judges);
        var salt = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"embedding:{embeddingModelId}"));
        foreach (var judge in judges)
        {
            if (judge.Kind == JudgeKinds.Kimera && judge.Options is { Count: > 0 } options)
            {
                salt.Append(CultureInfo.InvariantCulture, $"|kimera {judge.Name}:{KimeraOptionOverrides.Describe(options)}");
            }
            else if (judge.Kind == JudgeKinds.Llm && _llm is not null)
            {
                salt.Append('|').Append(_llm.ResultSalt(judge));
            }
        }

        return salt.ToString();
    }

    /// <summary>The salt of judges named by shorthand (<see cref="ResultSalt(string, IReadOnlyList{JudgeDefinition})"/>).</summary>
    public string ResultSalt(string embeddingModelId, IReadOnlyList<string> judges)
    {
        ArgumentNullException.ThrowIfNull(judges);
        return ResultSalt(embeddingModelId, [.. judges.Select(JudgeDefinition.FromShorthand)]);
    }

    /// <summary>Problems of a judge set that only the built judges can see (LLM prompt versions, API key variables), and LLM
    /// judges asked for where no LLM is configured.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyList<JudgeDefinition> judges, string source)
    {
        ArgumentNullException.ThrowIfNull(judges);
        var problems = new List<string>();
        foreach (var judge in judges.Where(j => j.Kind == JudgeKinds.Llm))
        {
            if (_llm is null)
            {
                problems.Add($"{source}: judge '{judge.Name}' is an LLM judge but no LLM is configured here (an API key is needed).");
            }
            else
            {
                problems.AddRange(_llm.Problems(judge).Select(p => $"{source}: judge '{judge.Name}': {p}"));
            }
        }

        return problems;
    }

    /// <summary>Each LLM judge's fraction of the run's LLM budget, in judge order (0 for Kimera judges): its
    /// <see cref="JudgeDefinition.BudgetShare"/>, or an equal part of what the judges with a share leave.</summary>
    public static IReadOnlyList<decimal> BudgetFractions(IReadOnlyList<JudgeDefinition> judges)
    {
        ArgumentNullException.ThrowIfNull(judges);
        var llm = judges.Where(j => j.Kind == JudgeKinds.Llm).ToArray();
        var left = Math.Max(0m, 1m - llm.Sum(j => j.BudgetShare ?? 0m));
        var unset = llm.Count(j => j.BudgetShare is null);
        // Rounded down to 1e-9 USD per unit of budget so that the parts never add up to more than the whole.
        var equalPart = unset == 0 ? 0m : Math.Round(left / unset, 9, MidpointRounding.ToZero);
        return [.. judges.Select(j => j.Kind != JudgeKinds.Llm ? 0m : j.BudgetShare ?? (unset == 1 ? left : equalPart))];
    }

    /// <summary>Builds the judges of shorthand names (<see cref="Create(IReadOnlyList{JudgeDefinition}, LlmShare?)"/>).</summary>
    public JudgeSet Create(IReadOnlyList<string> judges, LlmShare? llmShare = null)
    {
        ArgumentNullException.ThrowIfNull(judges);
        foreach (var name in judges.Where(n => !JudgeNames.All.Contains(n, StringComparer.Ordinal)))
        {
            throw new InvalidOperationException($"Unknown judge '{name}' (known: {string.Join(", ", JudgeNames.All)}).");
        }

        return Create([.. judges.Select(JudgeDefinition.FromShorthand)], llmShare);
    }

    /// <summary>Builds the judges in order. <paramref name="llmShare"/> is what the LLM judges together may use
    /// (<see cref="LlmShare.WholeRun"/> when they serve the whole run); each gets its <see cref="BudgetFractions"/> of it.</summary>
    /// <exception cref="InvalidOperationException">An LLM judge is asked for where none is configured.</exception>
    /// <exception cref="ArgumentException">A Kimera variant's options are invalid.</exception>
    public JudgeSet Create(IReadOnlyList<JudgeDefinition> judges, LlmShare? llmShare = null)
    {
        ArgumentNullException.ThrowIfNull(judges);
        var llmJudges = judges.Where(j => j.Kind == JudgeKinds.Llm).ToArray();
        LlmJudgeGroup? llm = null;
        if (llmJudges.Length > 0)
        {
            if (_llm is null)
            {
                throw new InvalidOperationException($"Judge '{llmJudges[0].Name}' was asked for but no LLM is configured here (an API key is needed).");
            }

            var fractions = BudgetFractions(judges);
            llm = _llm.Create(llmJudges, [.. judges.Select((j, i) => (j, i)).Where(x => x.j.Kind == JudgeKinds.Llm).Select(x => fractions[x.i])], llmShare ?? LlmShare.WholeRun);
        }

        var built = new List<IPairJudge>(judges.Count);
        var next = 0;
        try
        {
            foreach (var judge in judges)
            {
                built.Add(judge.Kind switch
                {
                    JudgeKinds.Kimera => new KimeraJudge(KimeraOptionOverrides.Apply(_engineOptions, judge.Options), name: judge.Name),
                    JudgeKinds.Llm => llm!.Judges[next++],
                    _ => throw new InvalidOperationException($"Judge '{judge.Name}' has an unknown kind '{judge.Kind}' (known: {string.Join(", ", JudgeKinds.All)})."),
                });
            }
        }
        catch
        {
            llm?.Dispose();
            throw;
        }

        return new JudgeSet([.. judges.Select(j => j.Name)], built, llm is null ? [] : [llm]);
    }
}
