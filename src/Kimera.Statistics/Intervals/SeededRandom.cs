using System.Numerics;

namespace Kimera.Statistics.Intervals;

/// <summary>
/// xoshiro256** seeded through SplitMix64 (Blackman &amp; Vigna). Hand-written because the bootstrap needs a
/// generator that is a cheap value type (one per resample, no allocation), fast in a tight loop, and whose
/// sequence is fixed by this code rather than by a runtime version; seeded <see cref="Random"/> is neither fast nor a struct.
/// </summary>
internal struct SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SeededRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A generator for stream <paramref name="stream"/> of <paramref name="seed"/>: streams are independent of each other and of thread scheduling.</summary>
    public static SeededRandom ForStream(long seed, long stream)
    {
        var mixed = unchecked((ulong)seed);
        var first = SplitMix(ref mixed);
        return new SeededRandom(first ^ unchecked((ulong)stream * 0xD1B54A32D192ED03UL));
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, <paramref name="bound"/>): the high word of a 64×64-bit product (bias below bound/2⁶⁴).</summary>
    public int NextInt(int bound) => (int)Math.BigMul(NextUInt64(), (ulong)bound, out _);

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
