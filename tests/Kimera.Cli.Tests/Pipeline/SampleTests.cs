using System.Text;
using Kimera.Datasets;
using Kimera.Datasets.Sampling;
using Kimera.Judging;
using Kimera.Pipeline;
using Kimera.Pipeline.Artifacts;
using Kimera.Pipeline.Stages;
using Kimera.Storage.FileSystem;
using Kimera.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kimera.Cli.Tests.Pipeline;

/// <summary><c>--sample N</c> (issue 14 item 4): a seeded sample stratified by label and language, the same for every
/// chunk size, planned in two streaming passes. The dataset comes in language blocks, as the one of the issue did.</summary>
public sealed class SampleTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _dataset;

    public SampleTests()
    {
        // 70 pairs in blocks: en 20 contradictions + 20 not, then fr 10 + 10, then de 5 + 5.
        var csv = new StringBuilder("pair_id,text1,text2,label,lang,type\n");
        var row = 0;
        foreach (var (lang, perLabel) in new[] { ("en", 20), ("fr", 10), ("de", 5) })
        {
            foreach (var label in new[] { 1, 0 })
            {
                for (var i = 0; i < perLabel; i++, row++)
                {
                    csv.Append(FormattableString.Invariant($"p{row},first text {row},second text {row},{label},{lang},x\n"));
                }
            }
        }

        _dataset = _temp.File("blocks.csv");
        File.WriteAllText(_dataset, csv.ToString());
    }

    [Fact]
    public async Task A_sample_of_15_takes_each_label_and_language_in_proportion_by_the_largest_remainder()
    {
        // 15 of 70: quotas 15·n/70 are en 300/70 = 4 r 20, fr 150/70 = 2 r 10, de 75/70 = 1 r 5 for each label: 14 pairs.
        // The 15th goes to the largest remainder, 20: the two en strata tie (same size too), and contradictions come first.
        var pairs = await PlanAsync(new RunSpec { Sample = 15 });

        Assert.Equal(15, pairs.Count);
        var strata = pairs.GroupBy(p => (p.Label, p.Lang1)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(5, strata[(true, "en")]);
        Assert.Equal(4, strata[(false, "en")]);
        Assert.Equal(2, strata[(true, "fr")]);
        Assert.Equal(2, strata[(false, "fr")]);
        Assert.Equal(1, strata[(true, "de")]);
        Assert.Equal(1, strata[(false, "de")]);
        // Plan order is kept: the ids rise.
        Assert.Equal(pairs.Select(p => Id(p)).Order(), pairs.Select(p => Id(p)));

        // --max-pairs stays the plain prefix: 15 English contradictions.
        var prefix = await PlanAsync(new RunSpec { MaxPairs = 15 });
        Assert.All(prefix, p => Assert.Equal((true, "en"), (p.Label, p.Lang1)));
    }

    [Fact]
    public void The_allocation_rule_is_exact_on_hand_counted_strata()
    {
        var counts = new Dictionary<StratumKey, long> { [new(true, "en")] = 7, [new(false, "en")] = 2, [new(null, "fr")] = 1 };

        // 5 of 10: 35/10 = 3 r 5, 10/10 = 1 r 0, 5/10 = 0 r 5 → 4 given; the 5th to a remainder of 5, the larger stratum (7).
        var allocation = StratifiedAllocation.Allocate(counts, 5);

        Assert.Equal(4, allocation[new(true, "en")]);
        Assert.Equal(1, allocation[new(false, "en")]);
        Assert.Equal(0, allocation[new(null, "fr")]);
        Assert.Equal(counts, StratifiedAllocation.Allocate(counts, 10));
    }

    [Fact]
    public async Task The_sample_is_the_same_for_chunk_sizes_7_and_1000_and_for_the_same_seed()
    {
        var seven = await PlanAsync(new RunSpec { Sample = 20, ChunkSize = 7 });
        var thousand = await PlanAsync(new RunSpec { Sample = 20, ChunkSize = 1000 });
        var again = await PlanAsync(new RunSpec { Sample = 20, ChunkSize = 7 });

        Assert.Equal(20, seven.Count);
        Assert.Equal(seven.Select(p => p.PairId), thousand.Select(p => p.PairId));
        Assert.Equal(seven.Select(p => p.PairId), again.Select(p => p.PairId));
    }

    [Fact]
    public async Task Another_seed_draws_another_sample_with_the_same_allocation()
    {
        var first = await PlanAsync(new RunSpec { Sample = 20, Seed = 42 });
        var second = await PlanAsync(new RunSpec { Sample = 20, Seed = 7 });

        Assert.NotEqual(first.Select(p => p.PairId), second.Select(p => p.PairId));
        Assert.Equal(
            first.GroupBy(p => (p.Label, p.Lang1)).ToDictionary(g => g.Key, g => g.Count()),
            second.GroupBy(p => (p.Label, p.Lang1)).ToDictionary(g => g.Key, g => g.Count()));
    }

    [Theory]
    [InlineData(70)]
    [InlineData(1000)]
    public async Task A_sample_of_at_least_every_pair_takes_them_all_in_file_order(int size)
    {
        var pairs = await PlanAsync(new RunSpec { Sample = size });

        Assert.Equal(Enumerable.Range(0, 70).Select(i => $"p{i}"), pairs.Select(p => p.PairId));
    }

    [Fact]
    public void The_sample_is_part_of_the_fingerprint_and_cannot_be_combined_with_max_pairs()
    {
        var source = DatasetSource.FromFile(_dataset);
        var all = RunPlanner.Fingerprint(source, new RunSpec(), "salt");

        Assert.NotEqual(all, RunPlanner.Fingerprint(source, new RunSpec { Sample = 20 }, "salt"));
        Assert.NotEqual(RunPlanner.Fingerprint(source, new RunSpec { Sample = 20 }, "salt"), RunPlanner.Fingerprint(source, new RunSpec { Sample = 21 }, "salt"));
        Assert.Contains("--sample and --max-pairs both choose the pairs; give one of them.", new RunSpec { Sample = 5, MaxPairs = 5 }.Validate(Commands.RunSettings.OptionName));
        Assert.Contains("--sample must be at least 1 (got 0).", new RunSpec { Sample = 0 }.Validate(Commands.RunSettings.OptionName));
    }

    [Theory]
    [InlineData(null, "null", 70)]
    [InlineData(15, "15", 15)]
    [InlineData(70, "70", 70)]
    [InlineData(1000, "1000", 70)]
    public async Task Dataset_json_records_the_sample_asked_for_and_the_one_taken(int? asked, string askedJson, int taken)
    {
        // 70 pairs in the file: a sample of 15 takes 15, one of 1000 takes all 70, none takes all 70 with asked null.
        var store = new FileSystemArtifactStore(_temp.File(Guid.NewGuid().ToString("N")));
        await new RunPlanner(NullLogger<RunPlanner>.Instance)
            .PlanAsync(DatasetSource.FromFile(_dataset), store, new RunSpec { Sample = asked, Judges = [JudgeNames.Kimera] }, "salt");

        var dataset = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(store.Location, RunArtifacts.Dataset)))!;

        Assert.Equal($"{{\"asked\":{askedJson},\"taken\":{taken}}}", dataset["sample"]!.ToJsonString());
    }

    public void Dispose() => _temp.Dispose();

    private static int Id(BenchmarkPair pair) => int.Parse(pair.PairId[1..], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<BenchmarkPair>> PlanAsync(RunSpec spec)
    {
        var store = new FileSystemArtifactStore(_temp.File(Guid.NewGuid().ToString("N")));
        var planned = await new RunPlanner(NullLogger<RunPlanner>.Instance)
            .PlanAsync(DatasetSource.FromFile(_dataset), store, spec with { Judges = [JudgeNames.Kimera] }, "salt");
        var pairs = new List<BenchmarkPair>();
        for (var i = 0; i < planned.Plan.ChunkCount; i++)
        {
            await using var stream = await store.OpenReadAsync(RunArtifacts.ChunkPairs(i)) ?? throw new InvalidOperationException($"chunk {i} missing");
            pairs.AddRange(await ChunkPairsFile.ReadAsync(stream, CancellationToken.None));
        }

        return pairs;
    }
}
