using System.Globalization;
using System.Text;
using Kimera.TestSupport;

namespace Kimera.Bench;

/// <summary>Builds the large datasets of the pipeline benchmarks from the real ones in the repository, by repeating their rows.</summary>
/// <remarks>Copy k (k ≥ 2) gets "#vk" appended to every id and " (vk)" appended to every text, so that ids stay unique
/// and texts stay distinct: the embedder really embeds every copy rather than finding a repeat.</remarks>
internal static class PipelineDatasets
{
    /// <summary>A geoids CSV (id,lang,text,label_contradict_id) of exactly <paramref name="rows"/> rows: whole copies of the
    /// source, then the rest as evenly spaced whole partner pairs of it. <paramref name="rows"/> must be even.</summary>
    /// <remarks>Evenly spaced rather than a prefix: the source is grouped by language (en, fr, ar), and a prefix of 5,000
    /// rows would hold no Arabic text at all while every copy holds a third. Arabic texts run to the 256-piece cap, so a
    /// prefix would compare a short-text run with a long-text one instead of a small run with a large one.</remarks>
    public static string Geoids(string source, int rows, string directory)
    {
        if (rows % 2 != 0)
        {
            throw new ArgumentException($"rows must be even (whole partner pairs), not {rows}.", nameof(rows));
        }

        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"geoids_spread_{rows}.csv"));
        if (File.Exists(path))
        {
            return path;
        }

        var records = CsvRows.Read(source);
        for (var i = 0; i + 1 < records.Count; i += 2)
        {
            if (records[i]["label_contradict_id"] != records[i + 1]["id"] || records[i + 1]["label_contradict_id"] != records[i]["id"])
            {
                throw new InvalidDataException($"{source}: rows {i + 2} and {i + 3} are not partners; the sampler needs adjacent partner pairs.");
            }
        }

        var pairsInSource = records.Count / 2;
        var remainderPairs = rows % records.Count / 2;
        using (var writer = new StreamWriter(path + ".tmp", false, new UTF8Encoding(false)))
        {
            WriteRecord(writer, "id", "lang", "text", "label_contradict_id");
            for (var n = 0; n < rows; n++)
            {
                var copy = (n / records.Count) + 1;
                var offset = n % records.Count;
                var isRemainder = n >= rows - (rows % records.Count);

                // The remainder's k-th pair is source pair floor(k × pairs / remainder): spread over the whole file.
                var sourceRow = isRemainder
                    ? ((int)((long)(offset / 2) * pairsInSource / remainderPairs) * 2) + (offset % 2)
                    : offset;
                var r = records[sourceRow];
                WriteRecord(
                    writer,
                    Vary(r["id"], copy, "#v"),
                    r["lang"],
                    VaryText(r["text"], copy),
                    r["label_contradict_id"].Length == 0 ? string.Empty : Vary(r["label_contradict_id"], copy, "#v"));
            }
        }

        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    /// <summary>A pairs CSV (pair_id,text1,text2,label,lang,type) of <paramref name="rows"/> rows, repeating the source the same way.</summary>
    public static string Pairs(string source, int rows, string directory)
    {
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"pairs_{rows}.csv"));
        if (File.Exists(path))
        {
            return path;
        }

        var records = CsvRows.Read(source);
        using (var writer = new StreamWriter(path + ".tmp", false, new UTF8Encoding(false)))
        {
            WriteRecord(writer, "pair_id", "text1", "text2", "label", "lang", "type");
            for (var n = 0; n < rows; n++)
            {
                var copy = (n / records.Count) + 1;
                var r = records[n % records.Count];
                WriteRecord(writer, Vary(r["pair_id"], copy, "#v"), VaryText(r["text1"], copy), VaryText(r["text2"], copy), r["label"], r["lang"], r["type"]);
            }
        }

        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    private static string Vary(string value, int copy, string marker) =>
        copy == 1 ? value : string.Create(CultureInfo.InvariantCulture, $"{value}{marker}{copy}");

    private static string VaryText(string text, int copy) =>
        copy == 1 ? text : string.Create(CultureInfo.InvariantCulture, $"{text} (v{copy})");

    /// <summary>One RFC 4180 record, every field quoted (quotes doubled): simple and always valid.</summary>
    private static void WriteRecord(TextWriter writer, params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write('"');
            writer.Write(fields[i].Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }

        writer.Write("\r\n");
    }
}
