
namespace Kimera.Reporting.Model;

/// <summary>Hits and misses of one cache over a run.</summary>
public sealed record CacheReport(long Hits, long Misses)
{
    public double? HitRate => Hits + Misses == 0 ? null : (double)Hits / (Hits + Misses);
}
