namespace Kimera.Orchestration.Contracts;

/// <summary>Retry policy of the activities: attempts in all (first included) with exponential back-off.</summary>
public sealed record ActivityRetrySettings(int MaxAttempts, TimeSpan FirstRetryInterval, double BackoffCoefficient, TimeSpan MaxRetryInterval)
{
    /// <summary>Four attempts, 5 s, 10 s, 20 s apart: rides out a storage hiccup or an instance recycle.</summary>
    public static ActivityRetrySettings Default { get; } = new(4, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(2));
}
