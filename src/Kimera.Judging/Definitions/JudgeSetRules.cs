using System.Text.RegularExpressions;
using Kimera.Engine.Geoids;

namespace Kimera.Judging.Definitions;

/// <summary>The rules a judge set must keep, whoever wrote it (judge file, HTTP body, sweep, shorthand): names usable as
/// column prefixes and unique, each kind with only its own settings, Kimera overrides that leave valid options, budget
/// shares that add up to at most the whole budget. Rules that need the LLM package or the environment (prompt versions,
/// API keys) are checked where the LLM judges are built.</summary>
public static partial class JudgeSetRules
{
    /// <summary>Most repeats of one LLM judge.</summary>
    public const int MaxRepeats = 20;

    /// <summary>Longest judge name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Every problem with <paramref name="judges"/>; <paramref name="source"/> starts each message.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<JudgeDefinition>? judges, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var problems = new List<string>();
        if (judges is null || judges.Count == 0)
        {
            problems.Add($"{source}: name at least one judge.");
            return problems;
        }

        foreach (var judge in judges.Where(j => j.Name.Length > 0 && !IsUsableName(j.Name)).Select(j => j.Name).Distinct(StringComparer.Ordinal))
        {
            problems.Add($"{source}: judge name '{judge}' cannot prefix columns: use letters, digits, '_', '-' and '.', starting with a letter, at most {MaxNameLength} characters.");
        }

        foreach (var judge in judges.GroupBy(j => j.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"{source}: judge name '{judge}' is used more than once (names are column prefixes and must differ, ignoring case).");
        }

        var shares = judges.Where(j => j.Kind == JudgeKinds.Llm && j.BudgetShare is not null).Sum(j => j.BudgetShare!.Value);
        if (shares > 1m)
        {
            problems.Add($"{source}: the LLM judges' budget shares add up to {shares}, more than the whole budget (1).");
        }
        else if (shares == 1m && judges.Any(j => j.Kind == JudgeKinds.Llm && j.BudgetShare is null))
        {
            problems.Add($"{source}: the budget shares add up to the whole budget, leaving nothing for the LLM judges without a budgetShare.");
        }

        return problems;
    }

    /// <summary>Problems of one judge's settings against its kind.</summary>
    public static IReadOnlyList<string> KindProblems(JudgeDefinition judge, string where)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var problems = new List<string>();
        if (judge.Kind == JudgeKinds.Kimera)
        {
            var llmOnly = new (string Property, object? Value)[]
            {
                ("endpoint", judge.Endpoint), ("model", judge.Model), ("apiKeyVariable", judge.ApiKeyVariable), ("auth", judge.Auth),
                ("managedIdentityClientId", judge.ManagedIdentityClientId), ("promptVersion", judge.PromptVersion),
                ("temperature", judge.Temperature), ("requestsPerMinute", judge.RequestsPerMinute), ("tokensPerMinute", judge.TokensPerMinute),
                ("priceInputPerMillion", judge.PriceInputPerMillion), ("priceOutputPerMillion", judge.PriceOutputPerMillion),
                ("budgetShare", judge.BudgetShare), ("repeats", judge.Repeats), ("bothOrders", judge.BothOrders), ("temperature", judge.OmitTemperature),
                ("maxOutputTokens", judge.MaxOutputTokens), ("reasoningEffort", judge.ReasoningEffort), ("responseFormat", judge.ResponseFormat),
            };
            foreach (var (property, _) in llmOnly.Where(s => s.Value is not null))
            {
                problems.Add($"{where}: \"{property}\" applies to llm judges only.");
            }

            try
            {
                KimeraOptionOverrides.Apply(new KimeraEngineOptions(), judge.Options);
            }
            catch (ArgumentException e)
            {
                problems.Add($"{where}: options: {e.Message.Split(" (Parameter", 2)[0]}");
            }
        }
        else if (judge.Kind == JudgeKinds.Llm)
        {
            if (judge.Options is { Count: > 0 })
            {
                problems.Add($"{where}: \"options\" (Kimera engine options) applies to kimera judges only.");
            }

            if (judge.Endpoint is { } endpoint
                && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                problems.Add($"{where}: endpoint '{endpoint}' is not an absolute http(s) URL.");
            }

            if (judge.ApiKeyVariable is { } variable && !EnvironmentVariableName().IsMatch(variable))
            {
                problems.Add($"{where}: apiKeyVariable '{variable}' is not an environment variable name (name the variable, never put the key here).");
            }

            if (judge.Auth is { } auth && !JudgeAuth.All.Contains(auth, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: auth '{auth}' is not known ({string.Join(" or ", JudgeAuth.All)}).");
            }
        }

        return problems;
    }

    /// <summary>True when <paramref name="name"/> can prefix the judge's columns.</summary>
    public static bool IsUsableName(string name) => name.Length <= MaxNameLength && UsableName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]*$")]
    private static partial Regex UsableName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();
}
