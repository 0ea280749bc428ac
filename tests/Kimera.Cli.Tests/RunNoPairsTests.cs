using Kimera.TestSupport;

namespace Kimera.Cli.Tests;

/// <summary>
/// <c>kimera run</c> on a dataset that gives no pair (issue 22, point 4): exit 2 and one line on stderr that names the file
/// and says why (<c>DatasetSummary.NoPairsReason</c>), never "no labels"; nothing is planned or written but dataset.json.
/// </summary>
[Trait("Category", "Process")]
public sealed class RunNoPairsTests : IDisposable
{
    private static readonly Dictionary<string, string?> WithoutKey = new() { ["OPENAI_API_KEY"] = null, ["KIMERA_STORAGE"] = null };
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData("pair_id,text1,text2,label,lang,type\n", "the file has a header and no rows")]
    [InlineData(
        "pair_id,text1,text2,label,lang,type\np1,,Snow is black,True,en,contradiction\np2,Fire is hot,Fire is cold,maybe,en,contradiction\np3,Water is wet,,False,en,neutral\n",
        "3 rows read, all 3 bad (first: line 2 (id p1): text1 is empty)")]
    [InlineData("text,lang\nThe only text.,en\n", "1 text, a texts file needs at least 2")]
    [InlineData(
        "id,lang,text,label_contradict_id\ng1,en,The sky is blue.,g99\ng2,en,The sky is not blue.,g98\n",
        "2 rows read, all 2 bad (first: line 2 (id g1): label_contradict_id 'g99' names no row of the file)")]
    public async Task A_dataset_that_gives_no_pair_exits_2_saying_why_in_one_line(string content, string why)
    {
        var file = _temp.File("none.csv");
        await File.WriteAllTextAsync(file, content);

        var (exit, output, error) = await KimeraProcess.RunAsync(WithoutKey, "run", file, "--out", _temp.File("run"), "--no-cache", "--judges", "kimera");

        Assert.Equal(2, exit);
        Assert.Contains($"kimera run: refused: {file}: no pair to run: {why}", error.Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.DoesNotContain("no labels", output + error, StringComparison.Ordinal);
        Assert.True(File.Exists(_temp.File("run/dataset.json")));
        Assert.False(File.Exists(_temp.File("run/plan.json")));
        Assert.False(File.Exists(_temp.File("run/pairs.csv")));
    }

    public void Dispose() => _temp.Dispose();
}
