using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Kimera.Functions.Configuration;

/// <summary>Checks the container and table names of <see cref="StorageOptions"/> against the service's naming rules at start-up,
/// so a bad name fails there rather than on the first run.</summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (key, value) in new[] { ("DatasetsContainer", options.DatasetsContainer), ("RunsContainer", options.RunsContainer) })
        {
            // learn.microsoft.com "Naming and referencing containers, blobs, and metadata".
            if (value is null || !ContainerName().IsMatch(value) || value.Contains("--", StringComparison.Ordinal))
            {
                failures.Add($"{StorageOptions.SectionName}:{key} '{value}' is not a container name: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
            }
        }

        foreach (var (key, value) in new[] { ("EmbeddingsTable", options.EmbeddingsTable), ("JudgementsTable", options.JudgementsTable) })
        {
            // learn.microsoft.com "Understanding the Table service data model": alphanumeric, starts with a letter, 3 to 63 characters.
            if (value is null || !TableName().IsMatch(value))
            {
                failures.Add($"{StorageOptions.SectionName}:{key} '{value}' is not a table name: 3 to 63 letters and digits, starting with a letter.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableName();
}
