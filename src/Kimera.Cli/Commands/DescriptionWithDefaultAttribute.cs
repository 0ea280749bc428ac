using System.ComponentModel;
using System.Globalization;

namespace Kimera.Cli.Commands;

/// <summary>An option's help text ending in its default (<c>Default: 500.</c>), for the options of <see cref="RunOptions.Table"/>:
/// they carry no Spectre <see cref="DefaultValueAttribute"/>, since an option left out must not override the <c>Kimera:Run</c>
/// configuration, so the help shows the <see cref="Kimera.Pipeline.RunSpec"/> default in the text instead of the DEFAULT column.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DescriptionWithDefaultAttribute(string text, object defaultValue)
    : DescriptionAttribute(string.Create(CultureInfo.InvariantCulture, $"{text} Default: {defaultValue}."))
{
    /// <summary>The help text without the default.</summary>
    public string Text { get; } = text;

    /// <summary>The default the text shows: a <see cref="Kimera.Pipeline.RunSpec"/> constant.</summary>
    public object DefaultValue { get; } = defaultValue;
}
