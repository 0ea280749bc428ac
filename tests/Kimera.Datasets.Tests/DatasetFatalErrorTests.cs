using System.Text;
using Kimera.TestSupport;

namespace Kimera.Datasets.Tests;

public sealed class DatasetFatalErrorTests
{
    private const string ExpectedSets =
        "pairs (text1, text2, optional pair_id, label, lang, type), " +
        "SNLI/MultiNLI (sentence1, sentence2, gold_label), " +
        "ANLI or Hugging Face NLI (premise, hypothesis, label), " +
        "FEVER/VitaminC (claim, evidence, label), " +
        "geoids (id, lang, text, label_contradict_id) or texts (text, lang); " +
        "any other layout with --text1-column and --text2-column";

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { (byte)'\n', (byte)'\n' })]
    public async Task An_empty_file_fails_naming_the_file_and_the_expected_column_sets(byte[] content)
    {
        using var dir = new TempDirectory();
        var path = dir.File("empty.csv");
        await File.WriteAllBytesAsync(path, content);

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => DatasetReader.OpenAsync(path));

        Assert.Equal($"{path}: the file is empty; expected a header row with one of the column sets {ExpectedSets}", ex.Message);
        Assert.Equal(path, ex.FileName);
    }

    [Fact]
    public async Task An_unknown_header_fails_naming_the_header_and_the_expected_column_sets()
    {
        using var dir = new TempDirectory();
        var path = dir.File("other.csv");
        await File.WriteAllTextAsync(path, "name,value\nx,1\n");

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => DatasetReader.OpenAsync(path));

        Assert.Equal($"{path}, line 1: the header 'name,value' has none of the known column sets; expected {ExpectedSets}", ex.Message);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public async Task A_latin1_file_fails_on_open_with_the_line_of_the_first_invalid_byte()
    {
        using var dir = new TempDirectory();
        var path = dir.File("latin1.csv");
        // "café" in ISO-8859-1: é is the single byte 0xE9, which UTF-8 never allows before 'a'. It is on line 3, byte 23:
        // "text,lang\n" is 10 bytes, "hello,en\n" 9, "caf" 3 more = 22 before it (0-based offset 22).
        await File.WriteAllBytesAsync(path, Encoding.Latin1.GetBytes("text,lang\nhello,en\ncaf\u00e9 au lait,fr\nok,en\n"));

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => DatasetReader.OpenAsync(path));

        Assert.Equal(3, ex.Line);
        Assert.Equal($"{path}, line 3: the file is not valid UTF-8 (invalid byte 0xE9 at byte offset 22); save it as UTF-8", ex.Message);
    }

    [Fact]
    public async Task A_utf16_file_is_not_taken_for_utf8()
    {
        using var dir = new TempDirectory();
        var path = dir.File("utf16.csv");
        await File.WriteAllTextAsync(path, "text,lang\nhello,en\n", new UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(() => DatasetReader.OpenAsync(path));

        // The byte order mark FF FE is invalid UTF-8 at offset 0.
        Assert.Equal(1, ex.Line);
        Assert.Contains("invalid byte 0xFF at byte offset 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forward_only_stream_fails_at_the_invalid_byte_while_the_pairs_are_read()
    {
        // 5,000 good rows (lines 2-5001, about 150 KB, more than CsvHelper's 64 KiB buffer, so the bad byte is not
        // reached when the header is read), then a lone continuation byte 0x80 on line 5002. Reads of 7 bytes split 'é'.
        var good = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},caf\u00e9 {i},other,True,fr,x\n"));
        var prefix = Encoding.UTF8.GetBytes("pair_id,text1,text2,label,lang,type\n" + good + "bad,");
        var bytes = prefix.Concat(new byte[] { 0x80 }).Concat(Encoding.UTF8.GetBytes(",t,True,en,x\n")).ToArray();
        await using var reader = await DatasetReader.OpenAsync(new ChunkedStream(bytes, 7), "stream.csv");
        var seen = 0;

        var ex = await Assert.ThrowsAsync<DatasetFormatException>(async () =>
        {
            await foreach (var pair in reader.ReadPairsAsync())
            {
                seen++;
            }
        });

        Assert.InRange(seen, 1, 5000);
        Assert.Equal("stream.csv", ex.FileName);
        Assert.Equal(5002, ex.Line);
        Assert.Contains($"invalid byte 0x80 at byte offset {prefix.Length}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf8_split_across_one_byte_reads_is_accepted()
    {
        var bytes = Encoding.UTF8.GetBytes("text,lang\ncaf\u00e9,fr\n\u0627\u0644\u0645\u0627\u0621,ar\n\U0001F600 smile,en\n");
        await using var reader = await DatasetReader.OpenAsync(new ChunkedStream(bytes, 1), "stream.csv");

        var summary = await reader.ValidateAsync();

        Assert.Equal(3, summary.GoodRows);
        Assert.Empty(summary.Problems);
    }

    /// <summary>A forward-only stream that hands out at most <c>chunk</c> bytes per read, to split UTF-8 sequences.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty || _position == bytes.Length)
            {
                return 0;
            }

            var n = Math.Min(Math.Min(chunk, buffer.Length), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
