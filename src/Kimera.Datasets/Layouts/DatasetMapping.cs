namespace Kimera.Datasets.Layouts;

/// <summary>How a dataset was read, as <c>kimera validate</c>, dataset.json and report.json state it: the format, the
/// layout recognised (or <c>mapped</c>), the columns used and which label values counted as contradiction.</summary>
/// <param name="Format">csv, tsv, jsonl or parquet, with <c>+gzip</c> when the file was compressed.</param>
/// <param name="Layout">pairs, geoids, texts, snli (SNLI, MultiNLI, GLUE), nli (premise/hypothesis: ANLI, Hugging Face), fever, or mapped.</param>
/// <param name="IdColumn">Null when ids come from line (or row) numbers.</param>
/// <param name="PositiveLabels">The label values read as contradiction.</param>
/// <param name="SliceColumn">A column kept as a slice for the error analysis (MultiNLI's <c>genre</c>), or null.</param>
/// <param name="LabelNote">How integer label ids were named, when the file had any, e.g. the Hugging Face convention.</param>
public sealed record DatasetMapping(
    string Format,
    string Layout,
    string? Text1Column,
    string? Text2Column,
    string? LabelColumn,
    string? IdColumn,
    IReadOnlyList<string> PositiveLabels,
    string? SliceColumn,
    string? LabelNote)
{
    /// <summary>"text1 = sentence1, text2 = sentence2, label = gold_label (contradiction = contradiction), id = pairID".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Text1Column is not null)
        {
            parts.Add($"text1 = {Text1Column}");
        }

        if (Text2Column is not null)
        {
            parts.Add($"text2 = {Text2Column}");
        }

        parts.Add(LabelColumn is null ? "no label column" : $"label = {LabelColumn} (contradiction = {string.Join(" or ", PositiveLabels)})");
        if (Layout is not ("geoids" or "texts"))
        {
            parts.Add(IdColumn is null ? "ids from line numbers" : $"id = {IdColumn}");
        }

        if (SliceColumn is not null)
        {
            parts.Add($"slice = {SliceColumn}");
        }

        return string.Join(", ", parts);
    }
}
