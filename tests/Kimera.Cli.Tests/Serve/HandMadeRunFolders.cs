using System.Globalization;
using System.Text;

namespace Kimera.Cli.Tests.Serve;

/// <summary>
/// Run folders written by hand in the layout of docs/outputs.md, for the console tests: a <c>plan.json</c> of the given
/// chunks and pairs, the chunk summaries that mark chunks done (<c>results/NNNNN.json</c>) and, for a finished run, a
/// <c>pairs.csv</c> from <see cref="HandMadeResults"/> and a <c>report.json</c> whose headline numbers are computed by hand
/// from that table (a judge wrong on the first 4 of 20 pairs: 2 missed contradictions, 2 false alarms, 8 true positives).
/// </summary>
internal static class HandMadeRunFolders
{
    /// <summary>Writes <c>&lt;root&gt;/&lt;id&gt;/plan.json</c>: <paramref name="chunks"/> chunks of <paramref name="chunkSize"/>, <paramref name="pairs"/> pairs.</summary>
    public static string Planned(string root, string id, int chunks, int chunkSize, int pairs, params string[] judges)
    {
        var folder = Path.Combine(root, id);
        Directory.CreateDirectory(Path.Combine(folder, "results"));
        var names = string.Join(",", (judges.Length == 0 ? ["kimera"] : judges).Select(j => $"\"{j}\""));
        File.WriteAllText(Path.Combine(folder, "plan.json"), string.Create(CultureInfo.InvariantCulture,
            $$"""{"dataset":"{{id}}.csv","shape":"pairs","fingerprint":"hand-made","seed":42,"chunk_size":{{chunkSize}},"chunk_count":{{chunks}},"total_pairs":{{pairs}},"judges":[{{names}}]}"""));
        return folder;
    }

    /// <summary>Marks chunk <paramref name="index"/> done: its summary file exists (the reader counts, it does not verify).</summary>
    public static void ChunkDone(string folder, int index) =>
        File.WriteAllText(Path.Combine(folder, "results", string.Create(CultureInfo.InvariantCulture, $"{index:D5}.json")), "{}");

    /// <summary>A finished run of the 20 pairs of <see cref="HandMadeResults"/>, judge <c>kimera</c> wrong on the first
    /// <paramref name="wrong"/> pairs (an even number, so half are missed contradictions and half false alarms).</summary>
    public static string Finished(string root, string id, int wrong)
    {
        var folder = Planned(root, id, 1, 20, 20);
        ChunkDone(folder, 0);
        File.WriteAllText(Path.Combine(folder, "pairs.csv"), HandMadeResults.Csv(20, ("kimera", HandMadeResults.FirstWrong(wrong))));
        // 10 contradictions, 10 not; wrong/2 of each flipped: TP = 10 − w/2, FN = FP = w/2.
        var tp = 10 - (wrong / 2.0);
        var half = wrong / 2.0;
        var accuracy = 1 - (wrong / 20.0);
        var f1 = 2 * tp / ((2 * tp) + half + half);
        var auroc = 0.5 * (1 + ((10 - half) / 10) - (half / 10));
        File.WriteAllText(Path.Combine(folder, "report.json"), string.Create(CultureInfo.InvariantCulture,
            $$"""{"statistics":{"judges":{"kimera":{"accuracy":{{accuracy}},"f1":{{f1}},"auroc":{{auroc}},"judged":20,"errors":0,"error_causes":[]""") + "}}}," + Examples + "}");
        File.WriteAllText(Path.Combine(folder, "report.html"), $"<!DOCTYPE html><title>{id}</title><h1>Report of {id}</h1>", Encoding.UTF8);
        return folder;
    }

    /// <summary>A run whose only judge answered no pair: 20 errors, every one a timeout.</summary>
    public static string FailedJudge(string root, string id)
    {
        var folder = Planned(root, id, 1, 20, 20, "llm");
        ChunkDone(folder, 0);
        File.WriteAllText(Path.Combine(folder, "report.json"),
            """{"statistics":{"judges":{"llm":{"accuracy":null,"f1":null,"auroc":null,"judged":0,"errors":20,"error_causes":[{"cause":"timeout","count":20}]}}}}""");
        return folder;
    }

    /// <summary>report.json's <c>examples</c> as docs/outputs.md gives them: kimera's four missed contradictions (m1…m4,
    /// scores 0.1…0.4) and one false alarm (f1, score 0.9), in the report's order.</summary>
    public const string Examples = """
        "examples":{"per_kind":5,"mistakes":[{"judge":"kimera","missed_count":4,"false_alarm_count":1,
          "missed_contradictions":[
            {"pair_id":"m1","text1":"a1","text2":"b1","verdicts":[{"judge":"kimera","contradiction":false,"score":0.1,"reasoning":"r1"}]},
            {"pair_id":"m2","text1":"a2","text2":"b2","verdicts":[{"judge":"kimera","contradiction":false,"score":0.2,"reasoning":"r2"}]},
            {"pair_id":"m3","text1":"a3","text2":"b3","verdicts":[{"judge":"kimera","contradiction":false,"score":0.3,"reasoning":"r3"}]},
            {"pair_id":"m4","text1":"a4","text2":"b4","verdicts":[{"judge":"kimera","contradiction":false,"score":0.4,"reasoning":"r4"}]}],
          "false_alarms":[
            {"pair_id":"f1","text1":"c1","text2":"d1","verdicts":[{"judge":"kimera","contradiction":true,"score":0.9,"reasoning":"rf"}]}]}]}
        """;
}
