using Kimera.Reporting.Model;
using Kimera.Statistics;
using Kimera.TestSupport.Statistics;

namespace Kimera.Reporting.Tests;

/// <summary>report.html's throughput table says how each LLM cost was arrived at: measured, estimated or unknown.</summary>
public sealed class CostBasisReportTests
{
    [Fact]
    public void The_cost_cells_are_marked_estimated_or_unknown()
    {
        var report = new RunReport
        {
            Run = new RunInfo("up.csv", "pairs", "f00d", 42, 5, 4, 20, ["kimera", "llm"]),
            Dataset = new DatasetReport("up.csv", "pairs", [], 20, 20, 0, 20, 10, 10, 0, 0, 0, false, new Dictionary<string, long>(), new Dictionary<string, long>(), [], []),
            Statistics = StatisticsCalculator.Compute(HandMadeJudges.Rows(20, HandMadeJudges.A, HandMadeJudges.C), ["kimera", "llm"], new StatisticsOptions { BootstrapResamples = 0, Folds = 2 }),
            Reactor = new ReactorTally(),
            Judges = new Dictionary<string, JudgeTally>
            {
                ["measured"] = new() { Judged = 20, Requests = 20, CostUsd = 0.002 },
                ["estimated"] = new() { Judged = 20, Requests = 20, UsageEstimatedRequests = 20, CostUsd = 0.004 },
                ["unknown"] = new() { Judged = 20, Requests = 20, PriceUnknownRequests = 20 },
            },
            Caches = new RunCaches(new CacheReport(0, 0), null),
            Timings = new RunTimings(),
        };

        var html = HtmlReportWriter.Render(report);

        // Cost, then cost per 1,000 pairs: 0.004 × 1000 / 20 = 0.2.
        Assert.Contains("<td>0.0020</td><td>0.1000</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>0.0040 (estimated)</td><td>0.2000 (estimated)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>unknown</td><td>unknown</td>", html, StringComparison.Ordinal);
    }
}
