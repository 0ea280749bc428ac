using System.Globalization;
using System.Reflection;
using Kimera.Engine.Geoids;

namespace Kimera.Judging.Definitions;

/// <summary>The engine options a Kimera variant may override: every number or switch of <see cref="KimeraEngineOptions"/>
/// that the judge reads (thresholds, confidences, penalties, the shared-word minimum). Names match case-insensitively and
/// ignore underscores, so <c>ResonanceThreshold</c>, <c>resonanceThreshold</c> and <c>resonance_threshold</c> are one option.</summary>
public static class KimeraOptionOverrides
{
    private static readonly PropertyInfo[] Overridable = [.. typeof(KimeraEngineOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && (p.PropertyType == typeof(double) || p.PropertyType == typeof(int) || p.PropertyType == typeof(bool)))
        // The reactor's slice size changes how the reactor cycles, not how any judge decides: a variant overriding it would change nothing.
        .Where(p => p.Name != nameof(KimeraEngineOptions.ReactorSliceSize))
        .OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>The canonical names of the options a variant may override.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Overridable.Select(p => p.Name)];

    /// <summary>The canonical property name for <paramref name="name"/>, or null when it names no overridable option.</summary>
    public static string? Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = Normalize(name);
        return Overridable.FirstOrDefault(p => Normalize(p.Name) == key)?.Name;
    }

    /// <summary>The option's type: <see cref="double"/>, <see cref="int"/> or <see cref="bool"/>.</summary>
    public static Type TypeOf(string canonicalName) =>
        Overridable.First(p => p.Name == canonicalName).PropertyType;

    /// <summary>A copy of <paramref name="baseOptions"/> with <paramref name="overrides"/> applied (canonical names, invariant
    /// values as <see cref="JudgeDefinition.Options"/> holds them), validated.</summary>
    /// <exception cref="ArgumentException">An override names no option, has a value of the wrong type, or leaves the options invalid.</exception>
    public static KimeraEngineOptions Apply(KimeraEngineOptions baseOptions, IReadOnlyDictionary<string, string>? overrides)
    {
        ArgumentNullException.ThrowIfNull(baseOptions);
        var copy = new KimeraEngineOptions();
        foreach (var property in typeof(KimeraEngineOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite))
        {
            property.SetValue(copy, property.GetValue(baseOptions));
        }

        foreach (var (name, text) in overrides ?? new Dictionary<string, string>())
        {
            var property = Overridable.FirstOrDefault(p => p.Name == name)
                ?? throw new ArgumentException($"'{name}' is not a Kimera engine option a judge can override (known: {string.Join(", ", Names)}).", nameof(overrides));
            property.SetValue(copy, Parse(property.PropertyType, text)
                ?? throw new ArgumentException($"'{text}' is not a valid {Describe(property.PropertyType)} for {name}.", nameof(overrides)));
        }

        try
        {
            copy.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException(e.Message.Split(" (Parameter", 2)[0], nameof(overrides), e);
        }

        return copy;
    }

    /// <summary>The override as the fingerprint and the report show it: <c>Name=value;…</c> in name order.</summary>
    public static string Describe(IReadOnlyDictionary<string, string>? overrides) =>
        overrides is null ? string.Empty : string.Join(';', overrides.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"));

    /// <summary>The value in its invariant text form, or null when <paramref name="text"/> is no value of <paramref name="type"/>.</summary>
    internal static object? Parse(Type type, string text) =>
        type == typeof(double) ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null
        : type == typeof(int) ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null
        : type == typeof(bool) ? bool.TryParse(text, out var b) ? b : null
        : null;

    internal static string Describe(Type type) => type == typeof(double) ? "number" : type == typeof(int) ? "whole number" : "true/false value";

    private static string Normalize(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
}
