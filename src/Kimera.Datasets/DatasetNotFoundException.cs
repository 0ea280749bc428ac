namespace Kimera.Datasets;

/// <summary>The dataset named by a request does not exist (no such file or blob): an HTTP API answers 404.</summary>
/// <remarks>A <see cref="FileNotFoundException"/>, so code that already handles a missing local file handles this too.</remarks>
public sealed class DatasetNotFoundException : FileNotFoundException
{
    public DatasetNotFoundException()
    {
    }

    public DatasetNotFoundException(string message)
        : base(message)
    {
    }

    public DatasetNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="datasetName">The file path or blob name that was not found.</param>
    public DatasetNotFoundException(string datasetName, string message, Exception? innerException)
        : base(message, datasetName, innerException)
    {
    }

    /// <summary>The file path or blob name that was not found.</summary>
    public string? DatasetName => FileName;
}
