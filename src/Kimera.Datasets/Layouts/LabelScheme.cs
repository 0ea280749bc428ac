using System.Globalization;

namespace Kimera.Datasets.Layouts;

/// <summary>What one label value means.</summary>
internal enum LabelOutcome
{
    /// <summary>A gold label: contradiction or not.</summary>
    Labelled,

    /// <summary>The pairs columns' empty label: the pair is planned without a label (agreement only).</summary>
    Unlabelled,

    /// <summary>No gold label (<c>-</c>, <c>-1</c>, empty in a benchmark layout): the row is counted, not planned.</summary>
    NoGold,

    /// <summary>Not a value of the scheme: a bad row.</summary>
    Unknown,
}

/// <summary>One label value read: the outcome, the label, and the pair's type (the label's name).</summary>
internal readonly record struct LabelReading(LabelOutcome Outcome, bool? Label, string Type)
{
    public static LabelReading Unknown { get; } = new(LabelOutcome.Unknown, null, string.Empty);

    public static LabelReading NoGold { get; } = new(LabelOutcome.NoGold, null, string.Empty);
}

/// <summary>How a layout's label values map to contradiction / not contradiction / no gold label.</summary>
internal abstract class LabelScheme
{
    /// <summary>The accepted values, for the message of a bad row, e.g. "entailment, neutral, contradiction (or e/n/c, 0/1/2)".</summary>
    public abstract string Accepted { get; }

    /// <summary>The values read as contradiction, for <see cref="DatasetMapping.PositiveLabels"/>.</summary>
    public abstract IReadOnlyList<string> Positives { get; }

    /// <summary>How integer ids were named, once one was read; null otherwise.</summary>
    public virtual string? Note => null;

    public abstract LabelReading Read(string value);

    protected static string Clean(string value) => value.Trim();
}

/// <summary>The pairs columns' <c>label</c>: True/False/1/0 in any letter case, empty = unlabelled (planned).</summary>
internal sealed class BinaryLabels : LabelScheme
{
    private static readonly HashSet<string> SchemeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "entailment", "neutral", "contradiction", "e", "n", "c", "supports", "refutes", "not enough info", "-",
    };

    public static BinaryLabels Instance { get; } = new();

    public override string Accepted => "True, False, 1, 0 or empty";

    public override IReadOnlyList<string> Positives => ["true", "1"];

    public override LabelReading Read(string value)
    {
        var v = Clean(value);
        if (v.Length == 0)
        {
            return new LabelReading(LabelOutcome.Unlabelled, null, "unknown");
        }

        if (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return new LabelReading(LabelOutcome.Labelled, true, "contradiction");
        }

        return v == "0" || v.Equals("false", StringComparison.OrdinalIgnoreCase)
            ? new LabelReading(LabelOutcome.Labelled, false, "neutral")
            : LabelReading.Unknown;
    }

    /// <summary>
    /// True for a value of another label scheme (an integer other than 0/1, an NLI or FEVER label): such a value in a
    /// pairs <c>label</c> column means the column is not true/false at all (a Hugging Face file whose 0/1/2 would count
    /// neutral as contradiction), so the whole file is refused instead of rows being read with the wrong meaning.
    /// </summary>
    public static bool IsOtherSchemeValue(string value)
    {
        var v = Clean(value);
        return SchemeWords.Contains(v) || (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n is not (0 or 1));
    }
}

/// <summary>
/// NLI labels: entailment / neutral / contradiction as words (SNLI, MultiNLI), letters e/n/c (ANLI) or integer ids
/// (Hugging Face exports: 0 entailment, 1 neutral, 2 contradiction unless the file's ClassLabel names say otherwise).
/// <c>-</c>, <c>-1</c> and empty are "no gold label". The type of a pair is the label's name.
/// </summary>
internal sealed class NliLabels : LabelScheme
{
    /// <summary>The Hugging Face convention for NLI datasets (snli, multi_nli, anli, glue/mnli).</summary>
    public static readonly IReadOnlyList<string> HuggingFaceNames = ["entailment", "neutral", "contradiction"];

    private readonly IReadOnlyList<string> _idNames;
    private readonly bool _namesFromFile;
    private bool _sawId;
    private bool _sawWord;
    private bool _sawLetter;

    /// <param name="classLabelNames">The file's ClassLabel names for the label column, or null for the convention.</param>
    public NliLabels(IReadOnlyList<string>? classLabelNames)
    {
        _namesFromFile = classLabelNames is { Count: > 0 };
        _idNames = _namesFromFile ? [.. classLabelNames!.Select(n => n.Trim().ToLowerInvariant())] : HuggingFaceNames;
    }

    public override string Accepted =>
        $"entailment, neutral, contradiction, e, n, c, or an id {IdList()}; '-', -1 or empty for no gold label";

    /// <summary>The spellings of contradiction the file used (word, letter, id); "contradiction" before any was read.</summary>
    public override IReadOnlyList<string> Positives
    {
        get
        {
            var ids = Enumerable.Range(0, _idNames.Count).Where(i => _idNames[i] == "contradiction").Select(i => i.ToString(CultureInfo.InvariantCulture));
            List<string> seen = [.. _sawWord ? ["contradiction"] : Array.Empty<string>(), .. _sawLetter ? ["c"] : Array.Empty<string>(), .. _sawId ? ids : []];
            return seen.Count > 0 ? seen : ["contradiction"];
        }
    }

    public override string? Note => !_sawId
        ? null
        : _namesFromFile
            ? $"label ids named by the file's Hugging Face metadata: {IdList()}"
            : $"label ids read by the Hugging Face convention {IdList()} (the file carries no ClassLabel names)";

    /// <summary>True when the ids name no contradiction class: only <c>--positive-label</c> can say which one is.</summary>
    public bool IdsNameNoContradiction => !_idNames.Contains("contradiction");

    public override LabelReading Read(string value)
    {
        var v = Clean(value);
        if (v is "" or "-" or "-1")
        {
            return LabelReading.NoGold;
        }

        var lower = v.ToLowerInvariant();
        string? name = lower switch
        {
            "entailment" or "e" => "entailment",
            "neutral" or "n" => "neutral",
            "contradiction" or "c" => "contradiction",
            _ => null,
        };
        if (name is not null)
        {
            _sawLetter |= lower.Length == 1;
            _sawWord |= lower.Length > 1;
        }
        if (name is null && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id < _idNames.Count)
        {
            _sawId = true;
            name = _idNames[id];
        }

        return name is null ? LabelReading.Unknown : new LabelReading(LabelOutcome.Labelled, name == "contradiction", name);
    }

    private string IdList() =>
        string.Join(", ", _idNames.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{i} {n}")));
}

/// <summary>FEVER and VitaminC: SUPPORTS, REFUTES, NOT ENOUGH INFO (any letter case, <c>_</c> for spaces); REFUTES is contradiction.</summary>
internal sealed class FeverLabels : LabelScheme
{
    public static FeverLabels Instance { get; } = new();

    public override string Accepted => "SUPPORTS, REFUTES, NOT ENOUGH INFO; empty for no gold label";

    public override IReadOnlyList<string> Positives => ["REFUTES"];

    public override LabelReading Read(string value)
    {
        var v = Clean(value).Replace('_', ' ').ToUpperInvariant();
        return v switch
        {
            "" => LabelReading.NoGold,
            "SUPPORTS" => new LabelReading(LabelOutcome.Labelled, false, v),
            "REFUTES" => new LabelReading(LabelOutcome.Labelled, true, v),
            "NOT ENOUGH INFO" => new LabelReading(LabelOutcome.Labelled, false, v),
            _ => LabelReading.Unknown,
        };
    }
}

/// <summary>
/// <c>--positive-label</c>: the given values are contradiction, every other value the underlying scheme knows is not.
/// Over a layout without a vocabulary (the pairs columns, a mapping) every non-empty value is known and is its own type.
/// </summary>
internal sealed class PositiveLabelsScheme(LabelScheme? vocabulary, IReadOnlyList<string> positives, bool emptyIsUnlabelled) : LabelScheme
{
    private readonly HashSet<string> _positives = new(positives.Select(p => p.Trim()), StringComparer.OrdinalIgnoreCase);

    public override string Accepted => vocabulary?.Accepted ?? "any value; empty for " + (emptyIsUnlabelled ? "unlabelled" : "no gold label");

    public override IReadOnlyList<string> Positives => positives;

    public override string? Note => vocabulary?.Note;

    public override LabelReading Read(string value)
    {
        var v = Clean(value);
        if (vocabulary is null)
        {
            if (v.Length == 0)
            {
                return emptyIsUnlabelled ? new LabelReading(LabelOutcome.Unlabelled, null, "unknown") : LabelReading.NoGold;
            }

            return new LabelReading(LabelOutcome.Labelled, _positives.Contains(v), v);
        }

        var reading = vocabulary.Read(v);
        return reading.Outcome == LabelOutcome.Labelled
            ? reading with { Label = _positives.Contains(v) || _positives.Contains(reading.Type) }
            : reading;
    }
}
