using System.Reflection;

namespace Kimera.Cli;

/// <summary>What <c>kimera --version</c> prints: the package version and the commit it was built from, e.g.
/// <c>kimera 0.1.0+abc1234</c>. The SDK's SourceLink puts the full commit id after a <c>+</c> in the informational
/// version; it is shortened to 7 characters, as <c>git log --oneline</c> shows it.</summary>
public static class KimeraVersion
{
    public const int ShortCommitLength = 7;

    public static string Text => "kimera " + Short(
        typeof(KimeraVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    /// <summary><c>0.1.0+&lt;40 hex digits&gt;</c> → <c>0.1.0+&lt;first 7&gt;</c>; a version without a commit stays as it is.</summary>
    public static string Short(string informationalVersion)
    {
        ArgumentNullException.ThrowIfNull(informationalVersion);
        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 || informationalVersion.Length - plus - 1 <= ShortCommitLength
            ? informationalVersion
            : informationalVersion[..(plus + 1 + ShortCommitLength)];
    }
}
