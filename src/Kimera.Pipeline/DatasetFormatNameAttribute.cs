using System.ComponentModel.DataAnnotations;
using Kimera.Datasets.Formats;

namespace Kimera.Pipeline;

/// <summary>A dataset format name that <see cref="DatasetFormats.TryParse"/> reads, with a message naming the option as
/// <c>{Property}</c> (replaced by the front end's spelling: <c>--format</c>, <c>format</c>, <c>Kimera:Run:Format</c>) and the
/// accepted names: <c>{Format} must be one of csv, tsv, jsonl, parquet (got 'xlsx').</c> A null value (unset) is valid.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class DatasetFormatNameAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return value is null || (value is string name && DatasetFormats.TryParse(name, out _))
            ? ValidationResult.Success
            : new ValidationResult($"{{{validationContext.MemberName}}} must be one of {DatasetFormats.AcceptedNames} (got '{value}').");
    }
}
