namespace Kimera.Cli.Summary;

/// <summary>How a summary line stands out on a terminal; plain output ignores it.</summary>
public enum SummaryStyle
{
    Normal,
    Bold,
    Warning,
    Error,
}
