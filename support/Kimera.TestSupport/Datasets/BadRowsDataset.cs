using System.Text;
using Kimera.Datasets;
using Kimera.Reporting.Model;

namespace Kimera.TestSupport.Datasets;

/// <summary>
/// Hand-made pairs files with bad rows at known lines, for the bad-row summary (issue 24, point 5). Header
/// <c>pair_id,text1,text2,label</c> on line 1; data row i (1-based) is on line i + 1 with id <c>p{i}</c>, texts
/// "First sentence i." and "Second sentence i.", label 1 when i is even, else 0. A bad row replaces row i by one of:
/// <list type="bullet">
/// <item><see cref="NoText2"/>: text2 left empty (MissingText, "text2 is empty");</item>
/// <item><see cref="NoText1"/>: text1 only spaces (MissingText, "text1 is empty");</item>
/// <item><see cref="ExtraComma"/>: an unquoted comma in text1, so 5 fields for a header of 4 (FieldCount).</item>
/// </list>
/// </summary>
public static class BadRowsDataset
{
    public const string NoText2 = "no text2";
    public const string NoText1 = "no text1";
    public const string ExtraComma = "extra comma";

    /// <summary>50 rows, 4 bad (8%) of two kinds: row 4 (line 5) no text2, row 11 (line 12) an extra comma, row 26 (line 27)
    /// no text1, row 40 (line 41) no text2. So MissingText 3, FieldCount 1, and 46 good pairs.</summary>
    public static string FourOfFifty() =>
        Build(50, new Dictionary<int, string> { [4] = NoText2, [11] = ExtraComma, [26] = NoText1, [40] = NoText2 });

    /// <summary>Labelled-1 pairs of <see cref="FourOfFifty"/>: 25 even rows, less the even bad rows 4, 26 and 40: 22.</summary>
    public const int FourOfFiftyPositives = 22;

    /// <summary>100 rows, 1 bad (exactly 1%): row 50 (line 51) no text2.</summary>
    public static string OneOfHundred() => Build(100, new Dictionary<int, string> { [50] = NoText2 });

    /// <summary>100 rows, 2 bad (2%, just over 1%): rows 50 and 70 (lines 51 and 71), no text2.</summary>
    public static string TwoOfHundred() => Build(100, new Dictionary<int, string> { [50] = NoText2, [70] = NoText2 });

    /// <summary>The file as <c>kimera run</c>'s Plan reads it, as the report's dataset section.</summary>
    public static async Task<DatasetReport> ReadAsync(string csv, string name = "bad_rows.csv")
    {
        ArgumentNullException.ThrowIfNull(csv);
        await using var reader = await DatasetReader.OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), name);
        await foreach (var _ in reader.ReadPairsAsync())
        {
        }

        return DatasetReport.From(reader.Summary);
    }

    private static string Build(int rows, IReadOnlyDictionary<int, string> bad)
    {
        var csv = new StringBuilder("pair_id,text1,text2,label\n");
        for (var i = 1; i <= rows; i++)
        {
            var label = i % 2 == 0 ? 1 : 0;
            var row = bad.GetValueOrDefault(i) switch
            {
                NoText2 => FormattableString.Invariant($"p{i},First sentence {i}.,,{label}"),
                NoText1 => FormattableString.Invariant($"p{i},   ,Second sentence {i}.,{label}"),
                ExtraComma => FormattableString.Invariant($"p{i},First sentence {i}, with a comma.,Second sentence {i}.,{label}"),
                _ => FormattableString.Invariant($"p{i},First sentence {i}.,Second sentence {i}.,{label}"),
            };
            csv.Append(row).Append('\n');
        }

        return csv.ToString();
    }
}
