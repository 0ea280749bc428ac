using System.Text;

namespace Kimera.Reporting.Console;

/// <summary>
/// The runs console: one HTML page (<c>console.html</c>, with <c>console.css</c> and <c>console.js</c> inlined) embedded in
/// this assembly, for any server that speaks the runs API (<c>/api/runs</c>, <c>/api/runs/{id}</c>,
/// <c>/api/runs/{id}/report</c>, <c>/api/compare</c>): <c>kimera serve</c> (at <c>/</c> and <c>/api/console</c>) and the Functions app (<c>GET /api/console</c>). No CDN and no
/// front-end build: plain CSS and vanilla JavaScript, read from the API relative to the page. Where the server answers
/// <c>GET /api/console/capabilities</c> with <c>upload: true</c> (the Functions app), the runs list has a form that uploads a
/// dataset (<c>POST /api/datasets/{name}</c>) and starts a run on it (<c>POST /api/runs</c>).
/// </summary>
public static class ConsolePage
{
    /// <summary>The media type to serve <see cref="Html"/> with.</summary>
    public const string ContentType = "text/html; charset=utf-8";

    private const string StylePlaceholder = "/*console.css*/";
    private const string ScriptPlaceholder = "/*console.js*/";

    /// <summary>The whole page, style and script inlined.</summary>
    public static string Html { get; } = Read("console.html")
        .Replace(StylePlaceholder, Read("console.css"), StringComparison.Ordinal)
        .Replace(ScriptPlaceholder, Read("console.js"), StringComparison.Ordinal);

    private static string Read(string file)
    {
        var name = $"Kimera.Reporting.Console.{file}";
        using var stream = typeof(ConsolePage).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from {typeof(ConsolePage).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
