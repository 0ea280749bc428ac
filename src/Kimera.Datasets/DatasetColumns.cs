namespace Kimera.Datasets;

/// <summary>The shape of a dataset and where its columns are, found from the header.</summary>
internal sealed class DatasetColumns
{
    /// <summary>The expected column sets, for error messages.</summary>
    public const string ExpectedColumnSets =
        "pairs (pair_id, text1, text2, label, lang, type), " +
        "geoids (id, lang, text, label_contradict_id) or texts (text, lang)";

    private DatasetColumns(DatasetShape shape, int headerCount)
    {
        Shape = shape;
        HeaderCount = headerCount;
    }

    public DatasetShape Shape { get; }

    public int HeaderCount { get; }

    /// <summary><c>pair_id</c> or <c>id</c>; -1 for texts.</summary>
    public int Id { get; private init; } = -1;

    /// <summary><c>text1</c> or <c>text</c>.</summary>
    public int Text { get; private init; } = -1;

    public int Text2 { get; private init; } = -1;

    public int Label { get; private init; } = -1;

    public int Lang { get; private init; } = -1;

    public int Type { get; private init; } = -1;

    public int Partner { get; private init; } = -1;

    /// <summary>
    /// A column that the shape reads and that the header names more than once (ignoring case, whitespace and a byte order
    /// mark), with its 1-based positions; null when there is none. Reading only the first of two <c>label</c> columns
    /// that disagree would be a silent guess, so the caller rejects the file instead.
    /// </summary>
    public static (string Name, int First, int Second)? FindDuplicate(IReadOnlyList<string> header, DatasetShape shape)
    {
        string[] used = shape switch
        {
            DatasetShape.Pairs => ["pair_id", "text1", "text2", "label", "lang", "type"],
            DatasetShape.Geoids => ["id", "lang", "text", "label_contradict_id"],
            _ => ["text", "lang"],
        };
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = Normalize(header[i]);
            if (used.Contains(name, StringComparer.Ordinal) && !first.TryAdd(name, i))
            {
                return (name, first[name] + 1, i + 1);
            }
        }

        return null;
    }

    /// <summary>
    /// Detects the shape: names are matched ignoring case, surrounding whitespace and a byte order mark,
    /// in any order; other columns are ignored. Pairs win over geoids over texts, so that a pairs file with an
    /// extra <c>text</c> column is still read as pairs. Returns null when no column set fits.
    /// </summary>
    public static DatasetColumns? Detect(IReadOnlyList<string> header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(Normalize(header[i]), i);
        }

        int At(string name) => index.TryGetValue(name, out var i) ? i : -1;

        if (At("pair_id") >= 0 && At("text1") >= 0 && At("text2") >= 0)
        {
            return new DatasetColumns(DatasetShape.Pairs, header.Count)
            {
                Id = At("pair_id"),
                Text = At("text1"),
                Text2 = At("text2"),
                Label = At("label"),
                Lang = At("lang"),
                Type = At("type"),
            };
        }

        if (At("id") >= 0 && At("text") >= 0 && At("label_contradict_id") >= 0)
        {
            return new DatasetColumns(DatasetShape.Geoids, header.Count)
            {
                Id = At("id"),
                Text = At("text"),
                Lang = At("lang"),
                Partner = At("label_contradict_id"),
            };
        }

        if (At("text") >= 0)
        {
            return new DatasetColumns(DatasetShape.Texts, header.Count) { Text = At("text"), Lang = At("lang") };
        }

        return null;
    }

    private static string Normalize(string name) => name.Trim().TrimStart('\uFEFF').Trim().ToLowerInvariant();
}
