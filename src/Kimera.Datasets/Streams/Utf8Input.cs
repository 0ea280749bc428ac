namespace Kimera.Datasets.Streams;

/// <summary>
/// The UTF-8 check of dataset files, for every other text input (results tables, <c>kimera embed</c>): invalid bytes
/// fail with a <see cref="DatasetFormatException"/> naming the line and byte offset of the first one, instead of being
/// decoded into U+FFFD and passed on silently.
/// </summary>
public static class Utf8Input
{
    /// <summary>A read-only stream over <paramref name="inner"/> that throws at the first invalid UTF-8 byte as it is read.</summary>
    public static Stream Validating(Stream inner, string displayName, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return new Utf8ValidatingStream(inner, displayName, leaveOpen);
    }

    /// <summary>Checks a seekable stream for invalid UTF-8 from its position to its end, then rewinds it, so a bad file
    /// fails before anything is done with its first lines.</summary>
    public static async Task PrescanAsync(Stream stream, string displayName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.Position;
        var validator = new Utf8Validator(displayName);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                validator.Feed(buffer.AsSpan(0, read));
            }

            validator.Complete();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        stream.Position = start;
    }
}
