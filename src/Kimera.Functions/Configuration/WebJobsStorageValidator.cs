using Kimera.Storage.AzureAccount;
using Microsoft.Extensions.Options;

namespace Kimera.Functions.Configuration;

/// <summary>Checks the <c>AzureWebJobsStorage</c> connection at start-up (see <see cref="WebJobsStorage.Problem"/>); other named
/// <see cref="AzureStorageOptions"/> are left alone.</summary>
public sealed class WebJobsStorageValidator : IValidateOptions<AzureStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != WebJobsStorage.ConnectionName)
        {
            return ValidateOptionsResult.Skip;
        }

        return WebJobsStorage.Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
