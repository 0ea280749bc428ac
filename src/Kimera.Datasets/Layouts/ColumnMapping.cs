namespace Kimera.Datasets.Layouts;

/// <summary>
/// Which columns hold the two texts, the gold label and the id, and which label values mean contradiction: the options
/// <c>--text1-column</c>, <c>--text2-column</c>, <c>--label-column</c>, <c>--id-column</c> and <c>--positive-label</c>.
/// Every property left empty keeps what the detected layout says; the recognised layouts (SNLI, ANLI, Hugging Face,
/// FEVER, the pairs columns) are presets of this one mapping.
/// </summary>
public sealed record ColumnMapping
{
    /// <summary>No option given: the layout is detected from the header alone.</summary>
    public static ColumnMapping None { get; } = new();

    /// <summary>The column of the first text (the premise, the evidence).</summary>
    public string? Text1Column { get; init; }

    /// <summary>The column of the second text (the hypothesis, the claim).</summary>
    public string? Text2Column { get; init; }

    /// <summary>The column of the gold label.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>The column of the pair id; without one, and without a layout that has one, ids come from line (or row) numbers.</summary>
    public string? IdColumn { get; init; }

    /// <summary>The label values that mean contradiction (compared ignoring case and surrounding spaces); every other
    /// known value is a non-contradiction. Empty keeps the layout's own (<c>contradiction</c>, <c>c</c>, <c>2</c>, <c>REFUTES</c>, <c>true</c>).</summary>
    public IReadOnlyList<string> PositiveLabels { get; init; } = [];

    /// <summary>True when no property is set.</summary>
    public bool IsEmpty =>
        Text1Column is null && Text2Column is null && LabelColumn is null && IdColumn is null && PositiveLabels.Count == 0;

    /// <summary>The values of a comma-separated <c>--positive-label</c> (blank items dropped).</summary>
    public static IReadOnlyList<string> SplitLabels(string? values) =>
        values is null ? [] : [.. values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>One line for fingerprints and logs, e.g. <c>text1=premise text2=hypothesis positive=2</c>; empty when <see cref="IsEmpty"/>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={value}");
            }
        }

        Add("text1", Text1Column);
        Add("text2", Text2Column);
        Add("label", LabelColumn);
        Add("id", IdColumn);
        Add("positive", PositiveLabels.Count == 0 ? null : string.Join(",", PositiveLabels));
        return string.Join(" ", parts);
    }
}
