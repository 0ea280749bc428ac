
namespace Kimera.Pipeline.Artifacts;

/// <summary>Gives the artifact store of one run: a folder <c>runs/&lt;runId&gt;/</c> locally, the prefix
/// <c>&lt;runId&gt;/</c> of the blob container <c>runs</c> in Azure.</summary>
/// <remarks>The durable activities get a run id in their input and open the store through this factory,
/// so no storage detail travels through orchestration history.</remarks>
public interface IRunStoreFactory
{
    /// <summary>The store of run <paramref name="runId"/>; it need not exist yet (the first write creates it).</summary>
    IArtifactStore ForRun(string runId);
}
