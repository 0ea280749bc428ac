namespace Kimera.Datasets;

/// <summary>What is wrong with a dataset row.</summary>
public enum DatasetProblemKind
{
    /// <summary>Quoting breaks RFC 4180 (stray quote, text after a closing quote, unclosed quote).</summary>
    BrokenQuoting,

    /// <summary>The record cannot be split into fields: a JSON Lines line that is not a JSON object, a line longer than the
    /// record size limit.</summary>
    UnreadableRecord,

    /// <summary>The row has a different number of fields than the header.</summary>
    FieldCount,

    /// <summary>The id column (<c>pair_id</c> or <c>id</c>) is empty.</summary>
    MissingId,

    /// <summary>A text column is empty or only whitespace.</summary>
    MissingText,

    /// <summary>A text is longer than <see cref="DatasetReaderOptions.MaxTextLength"/>.</summary>
    TextTooLong,

    /// <summary>The label is not a value of the layout's label scheme (True/False/1/0 or empty for the pairs columns).</summary>
    UnknownLabel,

    /// <summary>The id was already used by an earlier good row.</summary>
    DuplicateId,

    /// <summary>
    /// A geoid's <c>label_contradict_id</c> names no row of the file, good or bad (a dangling reference). A bad row: it is
    /// left out entirely, so it is not used for negatives either (its real partner may be in the file under another id).
    /// </summary>
    UnknownPartner,

    /// <summary>A geoid names itself as its partner (a warning: the row is kept, for negatives only).</summary>
    SelfPartner,

    /// <summary>
    /// A geoid's <c>label_contradict_id</c> names a row of the file that is a bad row (listed on its own line). A warning:
    /// the row is kept, for negatives only, since the pair cannot be built.
    /// </summary>
    BadPartner,
}
