using System.Buffers;
using System.Text.Unicode;

namespace Kimera.Datasets.Streams;

/// <summary>
/// Strict, incremental UTF-8 check over a byte stream that also counts lines, so that an invalid byte is
/// reported with the line it is on. CsvHelper reads bytes and would silently turn invalid sequences into
/// U+FFFD; the check itself is the BCL's <see cref="Utf8"/>, only the carry-over of sequences split
/// between reads and the line count are done here.
/// </summary>
internal sealed class Utf8Validator(string fileName)
{
    private readonly byte[] _carry = new byte[4];
    private int _carryLength;
    private long _newlinesBefore;
    private long _offset; // byte offset of the first byte not yet accepted (the first carried byte, if any)

    /// <summary>Checks the next bytes of the input; throws <see cref="DatasetFormatException"/> at the first invalid sequence.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        // Finish a sequence split between reads one byte at a time: it needs at most three more.
        while (_carryLength > 0 && !bytes.IsEmpty)
        {
            _carry[_carryLength++] = bytes[0];
            bytes = bytes[1..];
            if (Check(_carry.AsSpan(0, _carryLength), isFinal: _carryLength == _carry.Length) == _carryLength)
            {
                Accept(_carry.AsSpan(0, _carryLength));
                _carryLength = 0;
            }
        }

        if (bytes.IsEmpty)
        {
            return;
        }

        var valid = Check(bytes, isFinal: false);
        Accept(bytes[..valid]);
        var tail = bytes[valid..];
        tail.CopyTo(_carry);
        _carryLength = tail.Length;
    }

    /// <summary>Call at the end of the input: a sequence cut off by the end is invalid too.</summary>
    public void Complete()
    {
        if (_carryLength > 0)
        {
            Check(_carry.AsSpan(0, _carryLength), isFinal: true);
        }
    }

    private void Accept(ReadOnlySpan<byte> validBytes)
    {
        _newlinesBefore += validBytes.Count((byte)'\n');
        _offset += validBytes.Length;
    }

    /// <summary>How many leading bytes form complete valid sequences; the rest (at most 3 bytes) is an incomplete tail.</summary>
    private int Check(ReadOnlySpan<byte> bytes, bool isFinal)
    {
        if (Utf8.IsValid(bytes))
        {
            return bytes.Length;
        }

        var chars = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            var position = 0;
            while (true)
            {
                var status = Utf8.ToUtf16(bytes[position..], chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: isFinal);
                position += read;
                if (status == OperationStatus.DestinationTooSmall)
                {
                    continue;
                }

                if (status is OperationStatus.Done or OperationStatus.NeedMoreData)
                {
                    return position;
                }

                var line = _newlinesBefore + bytes[..position].Count((byte)'\n') + 1;
                throw new DatasetFormatException(
                    fileName,
                    line,
                    $"the file is not valid UTF-8 (invalid byte 0x{bytes[position]:X2} at byte offset {_offset + position}); save it as UTF-8");
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
