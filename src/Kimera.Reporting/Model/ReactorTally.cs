
namespace Kimera.Reporting.Model;

/// <summary>Reactor-cycle statistics of some chunks: geoids cycled, pairs compared, scars made and their weights.</summary>
public sealed record ReactorTally
{
    public long Geoids { get; init; }

    public long PairsProcessed { get; init; }

    public long Scars { get; init; }

    public double ScarWeightSum { get; init; }

    public double? ScarWeightMin { get; init; }

    public double? ScarWeightMax { get; init; }

    /// <summary>Mean weight of the scars made; <c>null</c> when there are none.</summary>
    public double? ScarWeightMean => Scars == 0 ? null : ScarWeightSum / Scars;

    /// <summary>Share of compared pairs that left a scar.</summary>
    public double? ScarRate => PairsProcessed == 0 ? null : (double)Scars / PairsProcessed;

    public ReactorTally Add(ReactorTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ReactorTally
        {
            Geoids = Geoids + other.Geoids,
            PairsProcessed = PairsProcessed + other.PairsProcessed,
            Scars = Scars + other.Scars,
            ScarWeightSum = ScarWeightSum + other.ScarWeightSum,
            ScarWeightMin = Min(ScarWeightMin, other.ScarWeightMin),
            ScarWeightMax = Max(ScarWeightMax, other.ScarWeightMax),
        };
    }

    private static double? Min(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
