using System.IO.Compression;
using Kimera.Datasets.Formats;
using Kimera.Datasets.Streams;

namespace Kimera.Datasets.Records;

/// <summary>
/// Opens the record source of a dataset stream: the format comes from <see cref="DatasetReaderOptions.Format"/>, else
/// from the name's extension, else from the first bytes; the first bytes must agree with it (a Parquet file named
/// <c>.csv</c>, JSON named <c>.tsv</c>, or a <c>.gz</c> that is not gzip fails with a message saying what the file is
/// and how to name it). Text formats are checked for UTF-8 as they are read (and first from end to end when the
/// stream can seek and is not compressed).
/// </summary>
internal static class RecordSources
{
    private const int SniffBytes = 4096;

    public static async Task<(IRecordSource Source, string FormatName)> OpenAsync(
        Stream stream, string displayName, DatasetReaderOptions options, bool leaveOpen, CancellationToken cancellationToken)
    {
        var named = DatasetFormats.FromName(displayName, out var gzipByName);
        var declared = options.Format ?? named;
        var saidBy = options.Format is not null ? $"--format {options.Format.Value.Name()}" : $"its name";

        var (head, input, inputLeaveOpen) = await PeekAsync(stream, leaveOpen, cancellationToken).ConfigureAwait(false);
        var gzip = head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B;
        if (gzipByName && !gzip)
        {
            throw new DatasetFormatException(displayName, 0, "the name ends in .gz but the file is not gzip-compressed; remove the .gz from its name");
        }

        if (gzip && !gzipByName && options.Format is null && named is not null)
        {
            throw new DatasetFormatException(
                displayName, 0, $"the file is gzip-compressed but its name does not end in .gz; name it {Path.GetFileName(displayName)}.gz");
        }

        if (gzip)
        {
            if (declared == DatasetFormat.Parquet)
            {
                throw new DatasetFormatException(displayName, 0, "a gzip-compressed Parquet file is not read: Parquet compresses its own pages; give the .parquet file itself");
            }

            var decompressed = new GZipStream(input, CompressionMode.Decompress, inputLeaveOpen);
            (head, input, inputLeaveOpen) = await PeekAsync(decompressed, leaveOpen: false, cancellationToken).ConfigureAwait(false);
        }

        var content = Sniff(head);
        var format = declared ?? content ?? DatasetFormat.Csv;
        if (content == DatasetFormat.Parquet && format != DatasetFormat.Parquet)
        {
            throw new DatasetFormatException(
                displayName, 0, $"the file is Parquet (it starts with PAR1), not {format.Name()} as {saidBy} says; name it .parquet or pass --format parquet");
        }

        if (format == DatasetFormat.Parquet && content != DatasetFormat.Parquet)
        {
            throw new DatasetFormatException(
                displayName, 0, $"{saidBy} says Parquet, but the file does not start with PAR1; " + (content == DatasetFormat.JsonLines ? "it looks like JSON Lines (.jsonl)" : "it looks like text (.csv, .tsv)"));
        }

        if (content == DatasetFormat.JsonLines && format is DatasetFormat.Csv or DatasetFormat.Tsv)
        {
            throw new DatasetFormatException(
                displayName, 1, $"the file starts with '{{', JSON, not {format.Name()} as {saidBy} says; name it .jsonl or pass --format jsonl");
        }

        var formatName = format.Name() + (gzip ? "+gzip" : string.Empty);
        if (format == DatasetFormat.Parquet)
        {
            return (await ParquetRecordSource.OpenAsync(input, displayName, inputLeaveOpen, cancellationToken).ConfigureAwait(false), formatName);
        }

        if (!gzip && input.CanSeek)
        {
            await Utf8Input.PrescanAsync(input, displayName, cancellationToken).ConfigureAwait(false);
        }

        var text = new Utf8ValidatingStream(input, displayName, inputLeaveOpen);
        IRecordSource source = format switch
        {
            DatasetFormat.Tsv => new TsvRecordSource(text, displayName, options.MaxRecordBytes),
            DatasetFormat.JsonLines => new JsonLinesRecordSource(text, displayName, options.MaxRecordBytes),
            _ => CsvRecordSource.Open(text, displayName, options.MaxRecordBytes),
        };
        return (source, formatName);
    }

    /// <summary>
    /// Checks that a header read as CSV or TSV is not obviously the other: one field holding the other separator and
    /// none of its own.
    /// </summary>
    public static void CheckSeparator(IReadOnlyList<string> header, string formatName, string displayName)
    {
        if (header.Count != 1)
        {
            return;
        }

        if (formatName.StartsWith("csv", StringComparison.Ordinal) && header[0].Contains('\t', StringComparison.Ordinal))
        {
            throw new DatasetFormatException(
                displayName, 1, "the header has tabs and no comma: the file is tab-separated, not CSV; name it .tsv or pass --format tsv");
        }

        if (formatName.StartsWith("tsv", StringComparison.Ordinal) && header[0].Contains(',', StringComparison.Ordinal))
        {
            throw new DatasetFormatException(
                displayName, 1, "the header has commas and no tab: the file is comma-separated, not TSV; name it .csv or pass --format csv");
        }
    }

    /// <summary>Parquet by its magic number, JSON by its first character after a byte order mark and whitespace; null for anything else.</summary>
    private static DatasetFormat? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PAR1"u8))
        {
            return DatasetFormat.Parquet;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var first = head.TrimStart(" \t\r\n"u8);
        return !first.IsEmpty && first[0] is (byte)'{' or (byte)'[' ? DatasetFormat.JsonLines : null;
    }

    /// <summary>Reads up to <see cref="SniffBytes"/> bytes and gives a stream that still starts at the beginning: the same
    /// stream moved back when it can seek, else one that replays the bytes read (and owns the stream).</summary>
    private static async Task<(byte[] Head, Stream Input, bool LeaveOpen)> PeekAsync(Stream stream, bool leaveOpen, CancellationToken cancellationToken)
    {
        var buffer = new byte[SniffBytes];
        var start = stream.CanSeek ? stream.Position : 0;
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var head = buffer[..read];
        if (stream.CanSeek)
        {
            stream.Position = start;
            return (head, stream, leaveOpen);
        }

        return (head, new PrefixedStream(head, stream, leaveOpen), false);
    }
}
