namespace Kimera.Functions.Configuration;

/// <summary>Where datasets and run artifacts live (section <c>Kimera:Storage</c>).</summary>
/// <remarks>For now a local folder: <c>Root/datasets</c> and <c>Root/runs</c>. The Azure deployment replaces this
/// with the blob containers <c>datasets</c> and <c>runs</c> of <c>AzureWebJobsStorage</c> (see
/// <see cref="FunctionsServiceCollectionExtensions.AddKimeraStorage"/>).</remarks>
public sealed class StorageOptions
{
    public const string SectionName = "Kimera:Storage";

    public string Root { get; set; } = Path.Combine(Path.GetTempPath(), "kimera");
}
