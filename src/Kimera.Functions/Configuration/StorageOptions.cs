namespace Kimera.Functions.Configuration;

/// <summary>Names of the blob containers and tables on the <c>AzureWebJobsStorage</c> account (section <c>Kimera:Storage</c>).</summary>
/// <remarks>The defaults are what the infrastructure creates and what the blob trigger listens on (<c>datasets/{name}</c>, fixed in
/// its attribute); change them only to keep several apps or test runs apart on one account.</remarks>
public sealed class StorageOptions
{
    public const string SectionName = "Kimera:Storage";

    /// <summary>Where datasets are uploaded (and read from by name).</summary>
    public string DatasetsContainer { get; set; } = "datasets";

    /// <summary>Where each run's artifacts go, under <c>&lt;runId&gt;/</c>.</summary>
    public string RunsContainer { get; set; } = "runs";

    /// <summary>The shared embedding cache.</summary>
    public string EmbeddingsTable { get; set; } = "embeddings";

    /// <summary>The shared cache of LLM answers.</summary>
    public string JudgementsTable { get; set; } = "judgements";
}
