using Kimera.Engine.Geoids;
using Kimera.Engine.Reactor;
using Kimera.Reporting.Model;

namespace Kimera.Pipeline.Stages;

/// <summary>Runs one seeded, batched reactor cycle over a chunk's geoids with a scar registry of its own,
/// and reduces the statistics to the counts that add up across chunks.</summary>
public sealed class KimeraReactorRunner
{
    private readonly KimeraEngineOptions _options;

    public KimeraReactorRunner(KimeraEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <remarks>The geoids collect scars: pass geoids that no judge will look at afterwards.</remarks>
    public ReactorTally Run(IReadOnlyList<Geoid> geoids, int seed)
    {
        ArgumentNullException.ThrowIfNull(geoids);
        var scars = new ScarRegistry();
        var reactor = new KimeraReactor(scars, _options);
        var statistics = reactor.RunBatched(geoids, seed);
        return new ReactorTally
        {
            Geoids = statistics.GeoidCount,
            PairsProcessed = statistics.PairsProcessed,
            Scars = statistics.NewScars,
            ScarWeightSum = scars.Scars.Sum(s => s.Weight),
            ScarWeightMin = statistics.MinScarWeight,
            ScarWeightMax = statistics.MaxScarWeight,
        };
    }
}
