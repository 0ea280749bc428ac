using System.Globalization;
using System.Text.Json;

namespace Kimera.Judging.Definitions;

/// <summary>
/// Reads a judge set: a judge file (<c>{ "judges": [ … ] }</c>, <c>--judges-file</c>) or the <c>judges</c> array of
/// <c>POST /api/runs</c>, whose entries are judge objects or shorthand names (<c>"kimera"</c>, <c>"llm"</c>). Every
/// problem is collected (syntax with its line, unknown or mistyped properties, duplicate names, bad option values) so that
/// one correction round fixes them all; <see cref="JudgeSetRules"/> adds the checks that span judges.
/// </summary>
/// <remarks>Written on <see cref="JsonDocument"/> rather than bound by the serializer so that each problem names the entry
/// and the property in the user's words, and an unknown property (a typo such as <c>modle</c>) is an error rather than
/// silently ignored.</remarks>
public static class JudgeFile
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private static readonly string[] Properties =
    [
        "name", "kind", "options", "endpoint", "model", "apiKeyVariable", "auth", "managedIdentityClientId", "promptVersion", "temperature",
        "requestsPerMinute", "tokensPerMinute", "priceInputPerMillion", "priceOutputPerMillion", "budgetShare", "repeats", "maxOutputTokens",
        "reasoningEffort", "responseFormat", "bothOrders",
    ];

    /// <summary>The values of <c>"reasoningEffort"</c>.</summary>
    public static readonly IReadOnlyList<string> ReasoningEfforts = ["low", "medium", "high"];

    /// <summary>The values of <c>"responseFormat"</c>.</summary>
    public static readonly IReadOnlyList<string> ResponseFormats = ["json_schema", "json_object", "none"];

    /// <summary>Reads the judge file at <paramref name="path"/>.</summary>
    public static JudgeSetReadResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new JudgeSetReadResult([], [$"{path}: cannot be read: {e.Message}"]);
        }

        return Parse(json, path);
    }

    /// <summary>Reads a judge file's text; <paramref name="source"/> (its path) starts every problem.</summary>
    public static JudgeSetReadResult Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? string.Create(CultureInfo.InvariantCulture, $" line {l + 1}:") : string.Empty;
            return new JudgeSetReadResult([], [$"{source}:{line} not valid JSON: {e.Message.Split(" Path:", 2)[0]}"]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !TryGetProperty(document.RootElement, "judges", out var judges) || judges.ValueKind != JsonValueKind.Array)
            {
                return new JudgeSetReadResult([], [$"{source}: expected an object with a \"judges\" array, as in {{ \"judges\": [ {{ \"name\": \"kimera\", \"kind\": \"kimera\" }} ] }}."]);
            }

            var problems = new List<string>();
            foreach (var property in document.RootElement.EnumerateObject().Where(p => !p.Name.Equals("judges", StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{source}: unknown property '{property.Name}' (a judge file holds only \"judges\").");
            }

            var read = ParseArray(judges, source);
            return new JudgeSetReadResult(read.Judges, [.. problems, .. read.Problems]);
        }
    }

    /// <summary>Reads a <c>judges</c> array whose entries are judge objects or shorthand names, then checks the set.</summary>
    public static JudgeSetReadResult ParseArray(JsonElement judges, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (judges.ValueKind != JsonValueKind.Array)
        {
            return new JudgeSetReadResult([], [$"{source}: \"judges\" must be an array of judge names or judge objects."]);
        }

        var problems = new List<string>();
        var definitions = new List<JudgeDefinition>();
        var index = 0;
        foreach (var entry in judges.EnumerateArray())
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"{source}: judges[{index}]");
            if (entry.ValueKind == JsonValueKind.String)
            {
                var name = entry.GetString()!;
                if (JudgeKinds.All.Contains(name, StringComparer.Ordinal))
                {
                    definitions.Add(JudgeDefinition.FromShorthand(name));
                }
                else
                {
                    problems.Add($"{source}: '{name}' is not a known judge ({string.Join(", ", JudgeKinds.All)}). Declare other judges as objects with a name and a kind.");
                }
            }
            else if (entry.ValueKind == JsonValueKind.Object)
            {
                definitions.Add(ReadEntry(entry, where, problems));
            }
            else
            {
                problems.Add($"{where}: expected a judge object or a judge name, got {Describe(entry.ValueKind)}.");
            }

            index++;
        }

        // The rules across judges see every entry that has a name, even one with problems of its own, so that one pass
        // names a duplicate too; "name at least one judge" only when the array is empty.
        var named = definitions.Where(d => d.Name.Length > 0).ToArray();
        if (index == 0 || named.Length > 0)
        {
            problems.AddRange(JudgeSetRules.Problems(named, source));
        }

        return new JudgeSetReadResult(problems.Count == 0 ? definitions : named, problems);
    }

    private static JudgeDefinition ReadEntry(JsonElement entry, string where, List<string> problems)
    {
        var name = TryGetProperty(entry, "name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        if (name is not null)
        {
            where += $" ('{name}')";
        }

        foreach (var property in entry.EnumerateObject())
        {
            if (!Properties.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: unknown property '{property.Name}' (known: {string.Join(", ", Properties)}).");
            }
        }

        if (name is null)
        {
            problems.Add($"{where}: \"name\" is required (a text: the judge's column prefix in pairs.csv).");
        }

        var kind = TryGetProperty(entry, "kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        if (kind is null)
        {
            problems.Add($"{where}: \"kind\" is required ({string.Join(" or ", JudgeKinds.All)}).");
        }
        else if (!JudgeKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            problems.Add($"{where}: kind '{kind}' is not known ({string.Join(" or ", JudgeKinds.All)}).");
        }

        var definition = new JudgeDefinition
        {
            Name = name ?? string.Empty,
            Kind = kind ?? string.Empty,
            Options = ReadOptions(entry, where, problems),
            Endpoint = Text(entry, "endpoint", where, problems),
            Model = Text(entry, "model", where, problems),
            ApiKeyVariable = Text(entry, "apiKeyVariable", where, problems),
            Auth = Text(entry, "auth", where, problems)?.ToLowerInvariant(),
            ManagedIdentityClientId = Text(entry, "managedIdentityClientId", where, problems),
            PromptVersion = Text(entry, "promptVersion", where, problems),
            Temperature = IsNone(entry, "temperature") ? null : Number(entry, "temperature", where, problems, 0, 2),
            OmitTemperature = IsNone(entry, "temperature") ? true : null,
            MaxOutputTokens = (int?)Number(entry, "maxOutputTokens", where, problems, 16, 100_000, wholeNumber: true),
            ReasoningEffort = Choice(entry, "reasoningEffort", ReasoningEfforts, where, problems),
            ResponseFormat = Choice(entry, "responseFormat", ResponseFormats, where, problems),
            RequestsPerMinute = (int?)Number(entry, "requestsPerMinute", where, problems, 2, int.MaxValue, wholeNumber: true),
            TokensPerMinute = (int?)Number(entry, "tokensPerMinute", where, problems, 1000, int.MaxValue, wholeNumber: true),
            PriceInputPerMillion = (decimal?)Number(entry, "priceInputPerMillion", where, problems, 0, 1e6),
            PriceOutputPerMillion = (decimal?)Number(entry, "priceOutputPerMillion", where, problems, 0, 1e6),
            BudgetShare = (decimal?)Number(entry, "budgetShare", where, problems, double.Epsilon, 1),
            Repeats = (int?)Number(entry, "repeats", where, problems, 1, JudgeSetRules.MaxRepeats, wholeNumber: true),
            BothOrders = Flag(entry, "bothOrders", where, problems),
        };

        if (kind is not null)
        {
            problems.AddRange(JudgeSetRules.KindProblems(definition, where));
        }

        return definition;
    }

    private static Dictionary<string, string>? ReadOptions(JsonElement entry, string where, List<string> problems)
    {
        if (!TryGetProperty(entry, "options", out var options) || options.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: \"options\" must be an object of Kimera engine options, e.g. {{ \"ResonanceThreshold\": 0.5 }}.");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options.EnumerateObject())
        {
            if (KimeraOptionOverrides.Canonical(option.Name) is not { } canonical)
            {
                problems.Add($"{where}: options: '{option.Name}' is not a Kimera engine option a judge can override (known: {string.Join(", ", KimeraOptionOverrides.Names)}).");
                continue;
            }

            var type = KimeraOptionOverrides.TypeOf(canonical);
            var text = option.Value.ValueKind switch
            {
                JsonValueKind.Number when type != typeof(bool) => option.Value.GetRawText(),
                JsonValueKind.True or JsonValueKind.False when type == typeof(bool) => option.Value.GetBoolean() ? "true" : "false",
                _ => null,
            };
            var value = text is null ? null : KimeraOptionOverrides.Parse(type, text);
            if (value is null)
            {
                problems.Add($"{where}: options: {option.Name} must be a {KimeraOptionOverrides.Describe(type)}, got {option.Value.GetRawText()}.");
            }
            else if (!result.TryAdd(canonical, value is bool flag ? (flag ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture)!))
            {
                problems.Add($"{where}: options: {canonical} is given more than once.");
            }
        }

        return result;
    }

    private static string? Text(JsonElement entry, string property, string where, List<string> problems)
    {
        if (!TryGetProperty(entry, property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            problems.Add($"{where}: \"{property}\" must be a non-empty text, got {value.GetRawText()}.");
            return null;
        }

        return value.GetString();
    }

    private static bool? Flag(JsonElement entry, string property, string where, List<string> problems)
    {
        if (!TryGetProperty(entry, property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add($"{where}: \"{property}\" must be true or false, got {value.GetRawText()}.");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>Whether <paramref name="property"/> is the text <c>none</c> (a temperature left out of the request).</summary>
    private static bool IsNone(JsonElement entry, string property) =>
        TryGetProperty(entry, property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == "none";

    private static string? Choice(JsonElement entry, string property, IReadOnlyList<string> allowed, string where, List<string> problems)
    {
        if (!TryGetProperty(entry, property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !allowed.Contains(value.GetString()!, StringComparer.Ordinal))
        {
            problems.Add($"{where}: \"{property}\" must be one of {string.Join(", ", allowed)}, got {value.GetRawText()}.");
            return null;
        }

        return value.GetString();
    }

    private static double? Number(JsonElement entry, string property, string where, List<string> problems, double min, double max, bool wholeNumber = false)
    {
        if (!TryGetProperty(entry, property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || (wholeNumber && number != Math.Floor(number))
            || number < min || number > max)
        {
            var range = max >= int.MaxValue ? $"at least {min.ToString(CultureInfo.InvariantCulture)}"
                : min == double.Epsilon ? $"above 0 and at most {max.ToString(CultureInfo.InvariantCulture)}"
                : $"between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}";
            problems.Add($"{where}: \"{property}\" must be a {(wholeNumber ? "whole number" : "number")} {range}, got {value.GetRawText()}.");
            return null;
        }

        return number;
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
