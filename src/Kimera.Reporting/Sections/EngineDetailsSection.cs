using System.Globalization;
using static Kimera.Reporting.Cells;

namespace Kimera.Reporting.Sections;

/// <summary>The end of a run's page: what identifies the run (layout, seed, plan fingerprint) and Kimera's reactor
/// bookkeeping (geoids cycled, pairs compared, the scars they left), each term explained where it appears. None of it
/// changes a verdict, so it comes after everything a reader needs to judge the judges.</summary>
internal sealed class EngineDetailsSection : IReportSection
{
    public void Write(ReportPage page)
    {
        if (page.Run is not { } run)
        {
            return;
        }

        var info = run.Run;
        var r = run.Reactor;
        page.Output.Append("<section id=\"engine\"><h2>Engine details</h2>")
            .Append("<p class=\"note\">What identifies this run, and the bookkeeping Kimera keeps from its research prototype. Nothing here changes a verdict.</p>")
            .Append("<table class=\"facts\"><tbody>")
            .Append(Fact("dataset layout", info.Shape))
            .Append(Fact("seed", info.Seed.ToString(CultureInfo.InvariantCulture) + " (decides sampling, the reactor's pairing and the bootstrap; the same seed gives the same results)"))
            .Append(Fact("plan fingerprint", info.Fingerprint + " (a hash of the dataset and the options that change results: a run resumes only into a folder whose plan has the same fingerprint)"))
            .Append(Fact("chunks", $"{Fmt.Count(info.Chunks)} of at most {Fmt.Count(info.ChunkSize)} pairs (the units of work spread across cores or hosts, and resumed after an interruption)"))
            .Append("</tbody></table>")
            .Append("<section id=\"reactor\"><h3>Reactor and scars</h3>")
            .Append("<p class=\"note\">A <em>geoid</em> is one text with what Kimera derives from it (its embedding, its words). The <em>reactor</em> pairs the geoids of each chunk at random and computes their <em>resonance</em> (cosine similarity of the embeddings, with a penalty when only one text is negated); a pair whose resonance is below the reactor threshold leaves a <em>scar</em>, a record of the tension between the two texts, weighted 1 − resonance. The judge's verdicts are computed before the reactor runs and never see scars.</p>")
            .Append("<table class=\"facts\"><tbody>")
            .Append(Fact("geoids cycled", Fmt.Count(r.Geoids)))
            .Append(Fact("pairs compared", Fmt.Count(r.PairsProcessed)))
            .Append(Fact("scars made", Fmt.Count(r.Scars)))
            .Append(Fact("pairs that left a scar", Fmt.Percent(r.ScarRate)))
            .Append(Fact("scar weight mean / min / max", $"{Fmt.Number(r.ScarWeightMean, "0.000")} / {Fmt.Number(r.ScarWeightMin, "0.000")} / {Fmt.Number(r.ScarWeightMax, "0.000")}"))
            .Append("</tbody></table></section></section>\n");
    }
}
