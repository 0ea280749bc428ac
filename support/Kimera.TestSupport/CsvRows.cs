using System.Text;
using CsvHelper;

namespace Kimera.TestSupport;

/// <summary>A CSV file's records as rows keyed by header name, read with the CsvHelper reader the product uses (RFC 4180:
/// quoted fields with commas, doubled quotes and line breaks), for tests and benchmarks that look at a dataset or a
/// pairs.csv cell by cell. Values are as in the file (no trimming, no type conversion).</summary>
public static class CsvRows
{
    /// <summary>Every record of the file at <paramref name="path"/>, in file order.</summary>
    public static List<Dictionary<string, string>> Read(string path) => Read(File.OpenRead(path));

    /// <summary>Every record of a CSV text, for instance an artifact read from blob storage.</summary>
    public static List<Dictionary<string, string>> Parse(string text) => Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    /// <summary>Every record of a CSV stream, which this disposes.</summary>
    public static List<Dictionary<string, string>> Read(Stream stream)
    {
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < csv.Headers.Count; i++)
            {
                row[csv.Headers[i]] = csv.GetString(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
