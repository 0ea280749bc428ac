using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Kimera.Pipeline;

/// <summary>A <see cref="RangeAttribute"/> of whole numbers whose message names the value and the option as <c>{Property}</c>
/// (replaced by the front end's spelling: <c>--chunk-size</c>, <c>chunkSize</c>, <c>Kimera:Run:ChunkSize</c>):
/// <c>{ChunkSize} must be between 1 and 1000000 (got 0).</c> A null value (an option left unset) is valid.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class BoundsAttribute : RangeAttribute
{
    public BoundsAttribute(int minimum, int maximum)
        : base(minimum, maximum)
    {
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is null || IsValid(value))
        {
            return ValidationResult.Success;
        }

        var (min, max) = ((int)Minimum, (int)Maximum);
        var bound = max == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"at least {min}")
            : string.Create(CultureInfo.InvariantCulture, $"between {min} and {max}");
        return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"{{{validationContext.MemberName}}} must be {bound} (got {value})."));
    }
}
