using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Kimera.Datasets;

/// <summary>
/// The ids of the rows read so far, to tell a repeated id and the line (or row) that used it first, in 16 to 32 bytes per
/// id whatever the ids' length: a 64-bit XxHash3 of the id and its line in an open-addressing table. Keeping the id
/// strings in a <c>Dictionary&lt;string, long&gt;</c> cost 90–130 MB for a million ids (bench dataset-formats), which
/// made a reader's memory grow with the file; a <c>Dictionary&lt;ulong, long&gt;</c> still costs 28–56 bytes per id,
/// hence this table, written by hand for its size.
/// </summary>
/// <remarks>Two different ids collide with probability about n²/2⁶⁵: 3·10⁻⁸ for a million ids, 3·10⁻⁴ for a hundred
/// million. A collision would report the second id as a duplicate of the first (with both lines in the message, so it
/// can be seen), never the other way round.</remarks>
internal sealed class IdIndex
{
    private ulong[] _hashes = new ulong[1024];
    private uint[] _lines = new uint[1024];
    private int _count;

    /// <summary>Adds <paramref name="id"/> first seen at <paramref name="line"/>; false, with the first line, when it was
    /// already there. Lines past 4,294,967,295 are kept as that number.</summary>
    public bool TryAdd(string id, long line, out long firstLine)
    {
        ArgumentNullException.ThrowIfNull(id);
        // 0 marks an empty slot, so the hash 0 is stored as 1 (one more, negligible, chance of a collision).
        var hash = Math.Max(1UL, XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan())));
        var mask = _hashes.Length - 1;
        var slot = (int)hash & mask;
        while (_hashes[slot] != 0)
        {
            if (_hashes[slot] == hash)
            {
                firstLine = _lines[slot];
                return false;
            }

            slot = (slot + 1) & mask;
        }

        _hashes[slot] = hash;
        _lines[slot] = (uint)Math.Min(line, uint.MaxValue);
        firstLine = line;
        if (++_count * 4 > _hashes.Length * 3)
        {
            Grow();
        }

        return true;
    }

    private void Grow()
    {
        var hashes = _hashes;
        var lines = _lines;
        _hashes = new ulong[hashes.Length * 2];
        _lines = new uint[hashes.Length * 2];
        var mask = _hashes.Length - 1;
        for (var i = 0; i < hashes.Length; i++)
        {
            if (hashes[i] == 0)
            {
                continue;
            }

            var slot = (int)hashes[i] & mask;
            while (_hashes[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _hashes[slot] = hashes[i];
            _lines[slot] = lines[i];
        }
    }
}
