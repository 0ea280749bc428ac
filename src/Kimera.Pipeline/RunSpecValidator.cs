using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Kimera.Pipeline;

/// <summary>The one check of a <see cref="RunSpec"/>: the source-generated data-annotation validator (each property's
/// <see cref="BoundsAttribute"/>, then the cross-field rules of the spec's <c>IValidatableObject.Validate</c>), with every
/// message naming the option as the front end spells it. Registered for the <c>Kimera:Run</c> section, it names
/// configuration keys (<c>Kimera:Run:ChunkSize must be between 1 and 1000000 (got 0).</c>); <c>kimera run</c> names
/// options (<c>--chunk-size</c>) and the <c>POST /api/runs</c> body its fields (<c>chunkSize</c>) through <see cref="RunSpec.Validate"/>.</summary>
public sealed partial class RunSpecValidator : IValidateOptions<RunSpec>
{
    private static readonly RunSpecAnnotations Annotations = new();

    /// <summary>The properties a message may name as <c>{Property}</c>.</summary>
    private static readonly HashSet<string> Named = new([.. RunSpec.OptionNames, nameof(RunSpec.Judges)], StringComparer.Ordinal);

    private readonly Func<string, string> _optionName;

    /// <summary>A validator naming options as configuration keys below <see cref="RunSpec.SectionName"/>.</summary>
    public RunSpecValidator()
        : this(property => $"{RunSpec.SectionName}:{property}")
    {
    }

    /// <param name="optionName">Maps a property name (<c>ChunkSize</c>) to the front end's spelling of the option.</param>
    public RunSpecValidator(Func<string, string> optionName)
    {
        ArgumentNullException.ThrowIfNull(optionName);
        _optionName = optionName;
    }

    public ValidateOptionsResult Validate(string? name, RunSpec options)
    {
        var problems = Problems(options, _optionName);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem with <paramref name="spec"/>, in declaration order, the options named by <paramref name="optionName"/>.</summary>
    public static IReadOnlyList<string> Problems(RunSpec spec, Func<string, string> optionName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(optionName);
        var result = Annotations.Validate(null, spec);
        return result.Failed && result.Failures is { } failures
            ? [.. failures.Select(f => OptionToken().Replace(f, m => Named.Contains(m.Groups[1].Value) ? optionName(m.Groups[1].Value) : m.Value))]
            : [];
    }

    /// <summary><c>{Property}</c> in a message: replaced by the option's spelling when it names an option of the spec.</summary>
    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex OptionToken();
}

/// <summary>The data-annotation checks of <see cref="RunSpec"/>, generated at compile time (no reflection).</summary>
[OptionsValidator]
internal sealed partial class RunSpecAnnotations : IValidateOptions<RunSpec>;
