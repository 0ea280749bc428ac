namespace Kimera.Datasets.Layouts;

/// <summary>
/// The shape of a dataset, where its columns are and how its labels read, found from the header (and the
/// <see cref="ColumnMapping"/> options). Column names match ignoring case, surrounding whitespace and a byte order mark,
/// in any order; other columns are ignored.
/// </summary>
internal sealed class DatasetLayout
{
    /// <summary>The expected column sets, for error messages.</summary>
    public const string ExpectedColumnSets =
        "pairs (text1, text2, optional pair_id, label, lang, type), " +
        "SNLI/MultiNLI (sentence1, sentence2, gold_label), " +
        "ANLI or Hugging Face NLI (premise, hypothesis, label), " +
        "FEVER/VitaminC (claim, evidence, label), " +
        "geoids (id, lang, text, label_contradict_id) or texts (text, lang); " +
        "any other layout with --text1-column and --text2-column";

    private DatasetLayout(string name, DatasetShape shape, IReadOnlyList<string> header)
    {
        Name = name;
        Shape = shape;
        Header = header;
    }

    /// <summary>pairs, snli, nli, fever, mapped, geoids or texts.</summary>
    public string Name { get; }

    public DatasetShape Shape { get; }

    public IReadOnlyList<string> Header { get; }

    public int HeaderCount => Header.Count;

    /// <summary>The id column; -1 when ids come from line numbers (pairs) or there are none (texts).</summary>
    public int Id { get; private init; } = -1;

    /// <summary>The first text (<c>text1</c>, <c>sentence1</c>, <c>premise</c>, <c>evidence</c>) or a geoid's or text's <c>text</c>.</summary>
    public int Text { get; private init; } = -1;

    public int Text2 { get; private init; } = -1;

    public int Label { get; private init; } = -1;

    public int Lang { get; private init; } = -1;

    public int Type { get; private init; } = -1;

    public int Partner { get; private init; } = -1;

    /// <summary>A column kept as a slice for the error analysis (MultiNLI's <c>genre</c>), or -1.</summary>
    public int Slice { get; private init; } = -1;

    /// <summary>How the label column reads; <see cref="BinaryLabels"/> when there is none.</summary>
    public LabelScheme Labels { get; private init; } = BinaryLabels.Instance;

    /// <summary>True when an empty label means "unlabelled, planned" (the pairs columns) rather than "no gold label".</summary>
    public bool EmptyLabelIsUnlabelled { get; private init; } = true;

    /// <summary>The columns a reader needs (for the formats that can skip the others).</summary>
    public IReadOnlySet<int> UsedColumns =>
        new HashSet<int>(new[] { Id, Text, Text2, Label, Lang, Type, Partner, Slice }.Where(i => i >= 0));

    /// <summary>The columns that the header must not name twice: reading one of two <c>label</c> columns that disagree
    /// would be a silent guess.</summary>
    public IEnumerable<int> ColumnsRead => UsedColumns;

    /// <summary>How the dataset is read, for output.</summary>
    public DatasetMapping Describe(string format) => new(
        format,
        Name,
        Column(Text),
        Column(Text2),
        Column(Label),
        Column(Id),
        Label >= 0 ? Labels.Positives : [],
        Column(Slice),
        Labels.Note);

    /// <summary>
    /// The layout of a header: the <paramref name="mapping"/>'s columns when it names the texts, else the first
    /// recognised layout: pairs, geoids, SNLI/MultiNLI, premise/hypothesis (ANLI, Hugging Face), FEVER, texts. The
    /// mapping's label, id and positive values then apply on top. Null when nothing fits.
    /// </summary>
    /// <param name="classLabelNames">The file's ClassLabel names of a column (Parquet with Hugging Face metadata), or null.</param>
    /// <exception cref="ArgumentException">A column the mapping names is not in the header (the message names it).</exception>
    public static DatasetLayout? Detect(IReadOnlyList<string> header, ColumnMapping mapping, Func<string, IReadOnlyList<string>?> classLabelNames)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(mapping);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(Normalize(header[i]), i);
        }

        int At(string name) => index.TryGetValue(Normalize(name), out var i) ? i : -1;
        int First(params string[] names) => names.Select(At).FirstOrDefault(i => i >= 0, -1);
        int Named(string? name, string option)
        {
            if (name is null)
            {
                return -1;
            }

            var i = At(name);
            return i >= 0
                ? i
                : throw new ArgumentException($"{option} names column '{name}', which the header does not have; its columns are {string.Join(", ", header)}");
        }

        var text1 = Named(mapping.Text1Column, "--text1-column");
        var text2 = Named(mapping.Text2Column, "--text2-column");
        if ((text1 < 0) != (text2 < 0))
        {
            throw new ArgumentException("give both --text1-column and --text2-column, or neither");
        }

        var label = Named(mapping.LabelColumn, "--label-column");
        var id = Named(mapping.IdColumn, "--id-column");
        DatasetLayout? layout;
        if (text1 >= 0)
        {
            var labelColumn = label >= 0 ? label : At("label");
            layout = new DatasetLayout("mapped", DatasetShape.Pairs, header)
            {
                Text = text1,
                Text2 = text2,
                Label = labelColumn,
                Id = id,
                Lang = At("lang"),
                Type = At("type"),
                Slice = At("genre"),
            };
        }
        else if (At("text1") >= 0 && At("text2") >= 0)
        {
            layout = new DatasetLayout("pairs", DatasetShape.Pairs, header)
            {
                Id = At("pair_id"),
                Text = At("text1"),
                Text2 = At("text2"),
                Label = At("label"),
                Lang = At("lang"),
                Type = At("type"),
                Slice = At("genre"),
            };
        }
        else if (At("id") >= 0 && At("text") >= 0 && At("label_contradict_id") >= 0)
        {
            return new DatasetLayout("geoids", DatasetShape.Geoids, header)
            {
                Id = At("id"),
                Text = At("text"),
                Lang = At("lang"),
                Partner = At("label_contradict_id"),
            };
        }
        else if (At("sentence1") >= 0 && At("sentence2") >= 0)
        {
            var gold = First("gold_label", "label");
            layout = new DatasetLayout("snli", DatasetShape.Pairs, header)
            {
                Text = At("sentence1"),
                Text2 = At("sentence2"),
                Label = gold,
                Id = First("pairID", "id", "idx"),
                Lang = At("lang"),
                Slice = At("genre"),
                Labels = new NliLabels(null),
                EmptyLabelIsUnlabelled = false,
            };
        }
        else if (At("premise") >= 0 && At("hypothesis") >= 0)
        {
            var gold = label >= 0 ? label : At("label");
            layout = new DatasetLayout("nli", DatasetShape.Pairs, header)
            {
                Text = At("premise"),
                Text2 = At("hypothesis"),
                Label = gold,
                Id = First("uid", "pairID", "id", "idx"),
                Lang = At("lang"),
                Slice = At("genre"),
                Labels = new NliLabels(gold >= 0 ? classLabelNames(header[gold]) : null),
                EmptyLabelIsUnlabelled = false,
            };
        }
        else if (At("claim") >= 0 && At("evidence") >= 0)
        {
            // FEVER's question is whether the evidence supports the claim: the evidence comes first, as a premise does.
            layout = new DatasetLayout("fever", DatasetShape.Pairs, header)
            {
                Text = At("evidence"),
                Text2 = At("claim"),
                Label = At("label"),
                Id = First("unique_id", "id"),
                Lang = At("lang"),
                Labels = FeverLabels.Instance,
                EmptyLabelIsUnlabelled = false,
            };
        }
        else if (At("text") >= 0)
        {
            return new DatasetLayout("texts", DatasetShape.Texts, header) { Text = At("text"), Lang = At("lang") };
        }
        else
        {
            return null;
        }

        return layout.WithOptions(label, id, mapping.PositiveLabels, classLabelNames);
    }

    /// <summary>The mapping's label column, id column and positive values over a detected pairs-like layout.</summary>
    private DatasetLayout WithOptions(int label, int id, IReadOnlyList<string> positives, Func<string, IReadOnlyList<string>?> classLabelNames)
    {
        var labelColumn = label >= 0 ? label : Label;
        var labels = Labels;
        if (label >= 0 && label != Label && labels is NliLabels)
        {
            labels = new NliLabels(classLabelNames(Header[label]));
        }

        if (positives.Count > 0)
        {
            var vocabulary = labels is BinaryLabels ? null : labels;
            labels = new PositiveLabelsScheme(vocabulary, positives, EmptyLabelIsUnlabelled);
        }

        return new DatasetLayout(Name, Shape, Header)
        {
            Id = id >= 0 ? id : Id,
            Text = Text,
            Text2 = Text2,
            Label = labelColumn,
            Lang = Lang,
            Type = Name is "pairs" or "mapped" ? Type : -1,
            Slice = Slice,
            Labels = labels,
            EmptyLabelIsUnlabelled = EmptyLabelIsUnlabelled,
        };
    }

    /// <summary>A column the layout reads that the header names more than once, with its 1-based positions; null when none.</summary>
    public (string Name, int First, int Second)? FindDuplicate()
    {
        var used = UsedColumns.Select(i => Normalize(Header[i])).ToHashSet(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Header.Count; i++)
        {
            var name = Normalize(Header[i]);
            if (used.Contains(name) && !first.TryAdd(name, i))
            {
                return (name, first[name] + 1, i + 1);
            }
        }

        return null;
    }

    private string? Column(int i) => i >= 0 ? Header[i].Trim().TrimStart('\uFEFF') : null;

    private static string Normalize(string name) => name.Trim().TrimStart('\uFEFF').Trim().ToLowerInvariant();
}
