using System.Text;

namespace Kimera.Reporting;

/// <summary>The report's style sheet, <c>Assets/report.css</c> embedded in the assembly: read once, inlined into every page.</summary>
internal static class ReportStyle
{
    /// <summary>The manifest name the csproj gives the resource (its <c>LogicalName</c>).</summary>
    public const string ResourceName = "Kimera.Reporting.report.css";

    /// <summary>The style sheet as written in the file, with LF line ends and without the file's final newline.</summary>
    public static string Css { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(ReportStyle).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(ReportStyle).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var css = reader.ReadToEnd().ReplaceLineEndings("\n");
        return css.EndsWith('\n') ? css[..^1] : css;
    }
}
