using static Kimera.Reporting.Cells;

namespace Kimera.Reporting.Sections;

/// <summary>A run's reactor: geoids cycled, pairs compared and the scars they left.</summary>
internal sealed class ReactorSection : IReportSection
{
    public void Write(ReportPage page)
    {
        if (page.Run is not { } run)
        {
            return;
        }

        var r = run.Reactor;
        page.Output.Append("<section id=\"reactor\"><h2>Reactor and scars</h2><table class=\"facts\"><tbody>")
            .Append(Fact("geoids cycled", Fmt.Count(r.Geoids)))
            .Append(Fact("pairs compared", Fmt.Count(r.PairsProcessed)))
            .Append(Fact("scars made", Fmt.Count(r.Scars)))
            .Append(Fact("pairs that left a scar", Fmt.Percent(r.ScarRate)))
            .Append(Fact("scar weight mean / min / max", $"{Fmt.Number(r.ScarWeightMean, "0.000")} / {Fmt.Number(r.ScarWeightMin, "0.000")} / {Fmt.Number(r.ScarWeightMax, "0.000")}"))
            .Append("</tbody></table></section>\n");
    }
}
