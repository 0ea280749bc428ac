namespace Kimera.Engine.Embeddings.Quantization;

/// <summary>Per-channel minimum and maximum of one activation tensor (its last axis) over the calibration texts.</summary>
public sealed class ChannelRange
{
    /// <summary>A range over <paramref name="channels"/> channels that has seen nothing yet.</summary>
    public ChannelRange(int channels)
    {
        Min = new float[channels];
        Max = new float[channels];
        Array.Fill(Min, float.PositiveInfinity);
        Array.Fill(Max, float.NegativeInfinity);
    }

    /// <summary>Smallest value seen per channel.</summary>
    public float[] Min { get; }

    /// <summary>Largest value seen per channel.</summary>
    public float[] Max { get; }

    /// <summary>Number of channels (the tensor's last dimension).</summary>
    public int Channels => Min.Length;

    /// <summary>Widens the range by <paramref name="values"/>, rows of <see cref="Channels"/> values.</summary>
    public void Observe(ReadOnlySpan<float> values)
    {
        if (values.Length % Channels != 0)
        {
            throw new ArgumentException($"{values.Length} values are not whole rows of {Channels} channels.", nameof(values));
        }

        for (var offset = 0; offset < values.Length; offset += Channels)
        {
            var row = values.Slice(offset, Channels);
            for (var k = 0; k < row.Length; k++)
            {
                Min[k] = Math.Min(Min[k], row[k]);
                Max[k] = Math.Max(Max[k], row[k]);
            }
        }
    }
}
