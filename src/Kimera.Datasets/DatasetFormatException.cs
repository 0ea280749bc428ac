namespace Kimera.Datasets;

/// <summary>
/// The dataset cannot be read at all: empty, not UTF-8, none of the known column sets, or a record too large.
/// Bad rows never raise this; they become <see cref="DatasetProblem"/>s.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException()
        : this("(unknown)", 0, "The dataset cannot be read.")
    {
    }

    public DatasetFormatException(string message)
        : this("(unknown)", 0, message)
    {
    }

    public DatasetFormatException(string message, Exception innerException)
        : this("(unknown)", 0, message, innerException)
    {
    }

    public DatasetFormatException(string fileName, long line, string detail, Exception? innerException = null)
        : base(Format(fileName, line, detail), innerException)
    {
        FileName = fileName;
        Line = line;
        Detail = detail;
    }

    /// <summary>The file name (or display name of the stream) that could not be read.</summary>
    public string FileName { get; }

    /// <summary>1-based line of the problem, or 0 when it concerns the whole file.</summary>
    public long Line { get; }

    /// <summary>The message without the file name and line.</summary>
    public string Detail { get; }

    private static string Format(string source, long line, string detail) =>
        line > 0 ? $"{source}, line {line}: {detail}" : $"{source}: {detail}";
}
