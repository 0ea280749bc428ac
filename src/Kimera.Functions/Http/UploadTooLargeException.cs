namespace Kimera.Functions.Http;

/// <summary>An upload's body went past <see cref="Configuration.DatasetUploadOptions.MaxBytes"/> (thrown by <see cref="UploadLimitStream"/>).</summary>
public sealed class UploadTooLargeException : Exception
{
    public UploadTooLargeException()
    {
    }

    public UploadTooLargeException(string message)
        : base(message)
    {
    }

    public UploadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
