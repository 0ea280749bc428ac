namespace Kimera.Engine.Reactor;

/// <summary>Statistics of <c>reactorCycleBatched</c> (docs/algorithm.md, "Scars and reactor cycles"), plus scar-weight figures for the report.</summary>
/// <param name="GeoidCount">Geoids given.</param>
/// <param name="SliceCount">Slices of at most the slice size (the last may be shorter).</param>
/// <param name="PairsProcessed">Sum over slices of <c>slice.Count / 2</c>.</param>
/// <param name="ElapsedMilliseconds">Wall-clock time of the whole batched run.</param>
/// <param name="MemoryDeltaBytes">Change of the managed heap size (<c>GC.GetTotalMemory(false)</c>) over the run;
/// the original reported the change of process RSS in MB. Noisy by nature: for information only.</param>
/// <param name="NewScars">Scar records created.</param>
/// <param name="NewScarLinks">Growth of the geoids' scar lists, summed over the given geoids: the original's
/// <c>new_scars</c> figure, which counts every scar twice (it is appended to both geoids).</param>
/// <param name="MeanScarWeight">Mean weight of the new scars; null when there are none.</param>
/// <param name="MinScarWeight">Smallest weight of the new scars; null when there are none.</param>
/// <param name="MaxScarWeight">Largest weight of the new scars; null when there are none.</param>
public sealed record ReactorStatistics(
    int GeoidCount,
    int SliceCount,
    int PairsProcessed,
    double ElapsedMilliseconds,
    long MemoryDeltaBytes,
    int NewScars,
    int NewScarLinks,
    double? MeanScarWeight,
    double? MinScarWeight,
    double? MaxScarWeight);
