namespace Kimera.Reporting.Sections;

/// <summary>One part of report.html, top to bottom in <see cref="HtmlReportBuilder"/>: appends its HTML to the page, or
/// nothing when the data has none of what it shows.</summary>
internal interface IReportSection
{
    void Write(ReportPage page);
}
