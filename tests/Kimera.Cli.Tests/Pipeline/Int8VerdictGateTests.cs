using System.Diagnostics;
using System.Globalization;
using Kimera.Engine.Embeddings;
using Kimera.TestSupport;
using Xunit.Abstractions;

namespace Kimera.Cli.Tests.Pipeline;

/// <summary>
/// The int8 gates on the original project's real datasets: the Kimera judge's verdicts with int8 embeddings equal the
/// float32 ones on at least 99.5% of the pairs, and |AUROC(int8) − AUROC(fp32)| ≤ 0.005. In the suite each dataset is
/// gated on a seeded stratified sample of <see cref="SamplePairs"/> pairs (by label and language, as <c>--sample</c>), run
/// twice through the real local engine (fp32, then int8; Kimera judge only, no bootstrap, no cache, 2 chunks at a time):
/// the whole datasets take some 10 minutes on 2 cores, more than the suite can give. Measured with recipe version 2:
/// verdicts all equal on both samples, |ΔAUROC| 0.00330 on mixed_5k.csv and 0.00250 on contradictions_2k.csv (version 1
/// gave 0.00554 on mixed_5k.csv, which is why this was printed, not asserted, before). The whole-dataset figures are
/// measured with <c>kimera run DATASET --judges kimera --bootstrap 0 --no-cache --parallelism 2 --precision fp32|int8</c>
/// and stated in docs/int8.md ("Verdicts on the real datasets"): mixed_5k.csv verdicts equal on all 4,998 pairs, AUROC 0.15725 vs 0.16163;
/// contradictions_2k.csv equal on all 3,996 pairs, AUROC 0.05822 vs 0.06001.
/// </summary>
[Trait("Category", "Slow")]
public sealed class Int8VerdictGateTests : IClassFixture<EmbedderFixture>, IDisposable
{
    private const double MinAgreement = 0.995;
    private const double MaxAurocDifference = 0.005;
    private const int SamplePairs = 1_000;

    private readonly EmbedderFixture _fixture;
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _temp = new();

    public Int8VerdictGateTests(EmbedderFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Theory]
    [InlineData("mixed_5k.csv")]
    [InlineData("contradictions_2k.csv")]
    public async Task Int8_verdicts_match_fp32_on_99_5_percent_and_AUROC_within_0_005_on_a_stratified_sample(string datasetName)
    {
        var dataset = RepoPaths.Samples(datasetName);
        var watch = Stopwatch.StartNew();
        using var int8 = new OnnxSentenceEmbedder(new EmbeddingOptions { Precision = EmbeddingPrecision.Int8, DerivedModelDirectory = _temp.File("models") });

        var fp32Report = await new PipelineHarness(_fixture.Embedder).RunAsync(dataset, _temp.File("fp32"), parallelism: 2, bootstrap: 0, sample: SamplePairs);
        var int8Report = await new PipelineHarness(int8).RunAsync(dataset, _temp.File("int8"), parallelism: 2, bootstrap: 0, sample: SamplePairs);

        var fp32Rows = CsvRows.Read(_temp.File("fp32/pairs.csv"));
        var int8Rows = CsvRows.Read(_temp.File("int8/pairs.csv")).ToDictionary(r => r["pair_id"]);
        Assert.Equal(fp32Rows.Count, int8Rows.Count);
        Assert.All(fp32Rows, r => Assert.Equal(string.Empty, r["kimera_error"]));
        var same = fp32Rows.Count(r => r["kimera_pred"] == int8Rows[r["pair_id"]]["kimera_pred"]);
        var agreement = (double)same / fp32Rows.Count;
        var fp32Auroc = fp32Report.Statistics.Judges["kimera"].Auroc!.Value;
        var int8Auroc = int8Report.Statistics.Judges["kimera"].Auroc!.Value;

        _output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{datasetName}: {fp32Rows.Count} pairs, verdicts equal on {same} ({agreement:P2}, {fp32Rows.Count - same} differ); " +
            $"AUROC fp32 {fp32Auroc:F5}, int8 {int8Auroc:F5}, |difference| {Math.Abs(int8Auroc - fp32Auroc):F5}; " +
            $"fp32 and int8 runs took {watch.Elapsed.TotalSeconds:F0} s"));
        Assert.True(agreement >= MinAgreement, $"{datasetName}: int8 verdicts equal fp32 on {agreement:P2} of {fp32Rows.Count} pairs, below {MinAgreement:P1}");
        Assert.True(
            Math.Abs(int8Auroc - fp32Auroc) <= MaxAurocDifference,
            string.Create(CultureInfo.InvariantCulture, $"{datasetName}: |AUROC(int8) - AUROC(fp32)| = |{int8Auroc:F5} - {fp32Auroc:F5}| is above {MaxAurocDifference}"));
    }

    public void Dispose() => _temp.Dispose();
}
