using Kimera.Reporting.Examples;
using Kimera.Reporting.Model;
using Kimera.Reporting.Sections;
using Kimera.Statistics;

namespace Kimera.Reporting;

/// <summary>Builds the HTML of one report from its sections, top to bottom; <see cref="HtmlReportWriter"/> is the public entry point.</summary>
internal static class HtmlReportBuilder
{
    /// <summary>The sections in page order; each writes nothing when the data has none of what it shows.</summary>
    private static readonly IReportSection[] Sections =
    [
        new HeaderSection(),
        new JudgeFailuresSection(),
        new SummarySection(),
        new BadRowsSection(),
        new RankingSection(),
        new MetricsSection(),
        new NoiseSection(),
        new SweepSection(),
        new PairwiseSection(),
        new ComparisonsSection(),
        new CurvesSection(),
        new ConfusionSection(),
        new MistakesSection(),
        new DisagreementsSection(),
        new CrossValidationSection(),
        new ErrorAnalysisSection(),
        new DatasetSection(),
        new ThroughputSection(),
        new EngineDetailsSection(),
        new FooterSection(),
    ];

    /// <param name="run">The whole report of a run (dataset, throughput and engine details sections); null for statistics alone.</param>
    public static string Build(StatisticsResult statistics, string source, RunReport? run, ReportExamples? examples)
    {
        var page = new ReportPage(statistics, source, run, examples);
        page.Output.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Kimera Bench report — ").Append(Html.Text(source)).Append("</title>\n")
            .Append("<style>").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n<main>\n");
        foreach (var section in Sections)
        {
            section.Write(page);
        }

        page.Output.Append("</main>\n</body>\n</html>\n");
        return page.Output.ToString();
    }
}
