using System.Globalization;
using System.Text.Json;
using Kimera.Judging.Definitions;
using Kimera.Pipeline;

namespace Kimera.Functions.Http;

/// <summary>Body of <c>POST /api/runs</c>: the dataset's blob name, the judges, and any of the run's options by
/// <see cref="RunSpec"/>'s own names in camelCase (<c>chunkSize</c>, <c>parallelism</c>, <c>bootstrapResamples</c>, …; see
/// <see cref="RunSpec.OptionNames"/>), bound over the configured defaults as the <c>Kimera:Run</c> section is bound.
/// <c>judges</c> holds judge names (<c>["kimera", "llm"]</c>), judge objects as in a judge file, or both. The reading options
/// (<c>format</c>, <c>text1Column</c>, <c>text2Column</c>, <c>labelColumn</c>, <c>idColumn</c>, <c>positiveLabels</c>;
/// <see cref="RunSpec.TextOptionNames"/>) are strings; <c>positiveLabels</c> may also be an array of strings. <c>budgetUsd</c>
/// (a number) is the run's own LLM budget, checked by <see cref="RunRequestFactory"/>.</summary>
public sealed record StartRunBody(string? Dataset, JsonElement? Judges = null, IReadOnlyDictionary<string, JsonElement>? Options = null)
{
    /// <summary>The body's field for the run's own LLM budget in USD.</summary>
    public const string BudgetField = "budgetUsd";

    /// <summary>The run's own LLM budget in USD as the body gives it (not yet checked: see <see cref="RunRequestFactory"/>); null when absent.</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>Former field names still accepted: the names docs/azure.md and earlier clients used.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["maxParallelChunks"] = nameof(RunSpec.Parallelism),
        ["bootstrap"] = nameof(RunSpec.BootstrapResamples),
    };

    /// <summary>A <see cref="RunSpec"/> property's name as it is spelled in this body (camelCase), for error messages.</summary>
    public static string FieldName(string specProperty) => JsonNamingPolicy.CamelCase.ConvertName(specProperty);

    /// <summary>The body read from <paramref name="json"/>; <see cref="JsonException"/> when it is not an object or the
    /// dataset is not a string. Field names are matched ignoring case, as the rest of the API does.</summary>
    public static StartRunBody Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"The body is a JSON {json.ValueKind.ToString().ToLowerInvariant()}, not an object.");
        }

        string? dataset = null;
        decimal? budget = null;
        JsonElement? judges = null;
        var options = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in json.EnumerateObject())
        {
            if (string.Equals(member.Name, "dataset", StringComparison.OrdinalIgnoreCase))
            {
                dataset = member.Value.ValueKind switch
                {
                    JsonValueKind.String => member.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new JsonException($"'dataset' must be a string (got {member.Value.GetRawText()})."),
                };
            }
            else if (string.Equals(member.Name, BudgetField, StringComparison.OrdinalIgnoreCase))
            {
                budget = member.Value.ValueKind switch
                {
                    JsonValueKind.Number when member.Value.TryGetDecimal(out var usd) => usd,
                    JsonValueKind.Null => null,
                    _ => throw new JsonException($"'{BudgetField}' must be a number of US dollars (got {member.Value.GetRawText()})."),
                };
            }
            else if (string.Equals(member.Name, "judges", StringComparison.OrdinalIgnoreCase))
            {
                judges = member.Value.Clone();
            }
            else
            {
                options[member.Name] = member.Value.Clone();
            }
        }

        return new StartRunBody(dataset, judges, options) { BudgetUsd = budget };
    }

    /// <summary>The body's judges, read as a judge file's array is, with every problem; <c>null</c> when the body names none.</summary>
    public JudgeSetReadResult? ReadJudges() =>
        Judges is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } judges ? JudgeFile.ParseArray(judges, "judges") : null;

    /// <summary><paramref name="defaults"/> with this body's options bound over it (the judges only when they read without
    /// problems), and the problems of fields that are not options, not whole numbers or (the reading options) not strings.</summary>
    public (RunSpec Spec, IReadOnlyList<string> Problems) ApplyTo(RunSpec defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var problems = new List<string>();
        var values = new List<KeyValuePair<string, string?>>();
        foreach (var (field, value) in Options ?? new Dictionary<string, JsonElement>())
        {
            var property = RunSpec.OptionNames.FirstOrDefault(p => string.Equals(FieldName(p), field, StringComparison.OrdinalIgnoreCase))
                ?? Aliases.GetValueOrDefault(field);
            if (property is null)
            {
                problems.Add($"'{field}' is not a run option; the body takes dataset, judges, {BudgetField}, {string.Join(", ", RunSpec.OptionNames.Select(FieldName))}.");
            }
            else if (value.ValueKind == JsonValueKind.Null)
            {
                // null = the configured default.
            }
            else if (RunSpec.TextOptionNames.Contains(property))
            {
                if (TextValue(property, value) is { } text)
                {
                    values.Add(new(property, text));
                }
                else
                {
                    problems.Add(property == nameof(RunSpec.PositiveLabels)
                        ? $"{FieldName(property)} must be a string of comma-separated values or an array of strings (got {value.GetRawText()})."
                        : $"{FieldName(property)} must be a string (got {value.GetRawText()}).");
                }
            }
            else if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            {
                problems.Add($"{FieldName(property)} must be a whole number (got {value.GetRawText()}).");
            }
            else
            {
                values.Add(new(property, number.ToString(CultureInfo.InvariantCulture)));
            }
        }

        var spec = defaults.WithOptions(values);
        var judges = ReadJudges();
        return (judges is { IsValid: true } ? spec.WithJudges(judges.Judges) : spec, problems);
    }

    /// <summary>A reading option's value as the configuration binder takes it: a string, or for <c>positiveLabels</c> an
    /// array of strings joined with commas; null when it is neither.</summary>
    private static string? TextValue(string property, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        if (property == nameof(RunSpec.PositiveLabels) && value.ValueKind == JsonValueKind.Array
            && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
        {
            return string.Join(',', value.EnumerateArray().Select(v => v.GetString()));
        }

        return null;
    }
}
