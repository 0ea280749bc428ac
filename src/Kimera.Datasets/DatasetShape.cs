namespace Kimera.Datasets;

/// <summary>The three CSV shapes of docs/datasets.md, told apart by their header.</summary>
public enum DatasetShape
{
    /// <summary><c>pair_id, text1, text2, label, lang, type</c>: one pair per row.</summary>
    Pairs,

    /// <summary><c>id, lang, text, label_contradict_id</c>: one text per row, partners named by id.</summary>
    Geoids,

    /// <summary><c>text, lang</c>: unlabelled texts, paired at random after a seeded shuffle.</summary>
    Texts,
}
