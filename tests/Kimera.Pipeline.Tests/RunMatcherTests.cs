using Kimera.Pipeline.RunComparisons;
using Kimera.TestSupport;

namespace Kimera.Pipeline.Tests;

public sealed class RunMatcherTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Pairs_match_by_id_in_run_a_order_and_the_rest_is_listed_per_run()
    {
        // A: p1, p2, p3; B: p3, p4, p1 → matched p1, p3 (A's order); only in A: p2; only in B: p4.
        var a = await Table("a.csv", "p1,x1,y1,1", "p2,x2,y2,0", "p3,x3,y3,1");
        var b = await Table("b.csv", "p3,x3,y3,1", "p4,x4,y4,0", "p1,x1,y1,1");

        var matched = RunMatcher.Match(a, b);

        Assert.Equal(new[] { "p1", "p3" }, matched.Pairs.Select(p => p.PairId));
        Assert.Equal(new[] { "p2" }, matched.OnlyInA);
        Assert.Equal(new[] { "p4" }, matched.OnlyInB);
        Assert.Equal(new long[] { 4, 2 }, matched.RowsB.Select(r => r.Line));
    }

    [Fact]
    public async Task A_label_that_differs_between_the_runs_is_refused_too_and_every_mismatch_is_counted()
    {
        var a = await Table("a.csv", "p1,x1,y1,1", "p2,x2,y2,0", "p3,x3,y3,1", "p4,x4,y4,1", "p5,x5,y5,1");
        var b = await Table("b.csv", "p1,x1,y1,0", "p2,x2,other,0", "p3,x3,y3,1", "p4,X4,y4,1", "p5,x5,y5,");

        var refused = Assert.Throws<InvalidDataException>(() => RunMatcher.Match(a, b));

        // p1 label, p2 text2, p4 text1; p5 unlabelled in B is no mismatch.
        Assert.StartsWith("refused: 3 pair id(s) have different texts (or labels) in the two runs", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"pair 'p1': label differs: 'true' in {a.Source} (line 2), 'false' in {b.Source} (line 2)", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"pair 'p2': text2 differs: 'y2' in {a.Source} (line 3), 'other' in {b.Source} (line 3)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("pair 'p4': text1 differs: 'x4'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_id_twice_in_one_run_is_bad_input_naming_both_lines()
    {
        var path = _temp.File("twice.csv");
        await File.WriteAllTextAsync(path, "pair_id,text1,text2,label,kimera_pred,kimera_score\np1,x,y,1,true,0.8\np1,x,y,1,true,0.8\n");

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => RunResultsTable.ReadAsync(path));

        Assert.Equal($"{path}: line 3: pair id 'p1' again (first on line 2); each pair id must be unique to match the runs.", refused.Message);
    }

    public void Dispose() => _temp.Dispose();

    private async Task<RunResultsTable> Table(string name, params string[] rows)
    {
        var path = _temp.File(name);
        await File.WriteAllTextAsync(path, "pair_id,text1,text2,label,kimera_pred,kimera_score\n" + string.Concat(rows.Select(r => r + ",true,0.8\n")));
        return await RunResultsTable.ReadAsync(path);
    }
}
