namespace Kimera.Functions.Triggers;

/// <summary>What a dataset event did: the run's instance id, and whether this event started it (false: it already existed).</summary>
public sealed record DatasetRunStart(string InstanceId, bool Started);
