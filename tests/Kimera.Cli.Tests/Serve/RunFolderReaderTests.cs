using Kimera.Cli.Serve;
using Kimera.TestSupport;

namespace Kimera.Cli.Tests.Serve;

/// <summary>
/// <see cref="RunFolderReader"/> on hand-made run folders: each status from the files alone (planned, stopped, running
/// while the lock is held as a live <c>kimera run</c> holds it, finished, failed), progress from the chunk summaries
/// against the plan's sizes, headline numbers from report.json, and ids that cannot leave the served folder.
/// </summary>
public sealed class RunFolderReaderTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_plan_without_finished_chunks_is_planned_and_one_with_some_is_stopped()
    {
        HandMadeRunFolders.Planned(_root.Path, "planned", 3, 500, 1200);
        var stopped = HandMadeRunFolders.Planned(_root.Path, "stopped", 3, 500, 1200);
        HandMadeRunFolders.ChunkDone(stopped, 2);

        var runs = (await new RunFolderReader(_root.Path).ListAsync()).ToDictionary(r => r.Id);

        Assert.Equal(LocalRunStatus.Planned, runs["planned"].RuntimeStatus);
        Assert.Equal(new LocalRunProgress("processing", 0, 3, 0, 1200), runs["planned"].Progress);
        Assert.Equal(LocalRunStatus.Stopped, runs["stopped"].RuntimeStatus);
        // Chunk 2 is the last: 1200 − 2 × 500 = 200 pairs.
        Assert.Equal(new LocalRunProgress("processing", 1, 3, 200, 1200), runs["stopped"].Progress);
        Assert.Equal("stopped.csv", runs["stopped"].Dataset);
        Assert.Equal(["kimera"], runs["stopped"].Judges);
        Assert.Null(runs["stopped"].SpendUsd);
        Assert.Null(runs["stopped"].Error);
    }

    [Fact]
    public async Task A_folder_whose_lock_a_live_run_holds_is_running_and_stops_being_so_when_released()
    {
        var folder = HandMadeRunFolders.Planned(_root.Path, "live", 2, 10, 15);
        HandMadeRunFolders.ChunkDone(folder, 0);
        var reader = new RunFolderReader(_root.Path);

        using (var held = RunFolderLock.TryAcquire(folder))
        {
            Assert.NotNull(held);
            var running = Assert.Single(await reader.ListAsync());
            Assert.Equal(LocalRunStatus.Running, running.RuntimeStatus);
            Assert.Equal(new LocalRunProgress("processing", 1, 2, 10, 15), running.Progress);

            HandMadeRunFolders.ChunkDone(folder, 1);
            Assert.Equal(new LocalRunProgress("aggregating", 2, 2, 15, 15), Assert.Single(await reader.ListAsync()).Progress);
        }

        // The lock file stays after the run, released: every chunk done and no report is a stopped run.
        Assert.True(File.Exists(Path.Combine(folder, RunFolderLock.FileName)));
        Assert.Equal(LocalRunStatus.Stopped, Assert.Single(await reader.ListAsync()).RuntimeStatus);
    }

    [Fact]
    public async Task A_finished_run_has_the_headline_numbers_of_its_report()
    {
        HandMadeRunFolders.Finished(_root.Path, "done", wrong: 4);

        var detail = await new RunFolderReader(_root.Path).ReadAsync("done");

        Assert.NotNull(detail);
        Assert.Equal(LocalRunStatus.Finished, detail.Run.RuntimeStatus);
        Assert.Equal(new LocalRunProgress("completed", 1, 1, 20, 20), detail.Run.Progress);
        Assert.True(detail.HasReport);
        var kimera = Assert.Single(detail.Headline);
        // Wrong on 4 of 20: accuracy 16/20; TP 8, FP 2, FN 2: F1 16/20; AUROC ½(1 + 8/10 − 2/10).
        Assert.Equal(("kimera", 0.8, 0.8, 0.8, 20L, 0L), (kimera.Judge, kimera.Accuracy!.Value, kimera.F1!.Value, kimera.Auroc!.Value, kimera.Judged, kimera.Errors));

        // The report's examples, at most three of each kind: m1, m2, m3 of the four missed, then the one false alarm.
        Assert.Equal(
            [
                new RunExample("kimera", "missed", "m1", "a1", "b1", 0.1, "r1"),
                new RunExample("kimera", "missed", "m2", "a2", "b2", 0.2, "r2"),
                new RunExample("kimera", "missed", "m3", "a3", "b3", 0.3, "r3"),
                new RunExample("kimera", "false_alarm", "f1", "c1", "d1", 0.9, "rf"),
            ],
            detail.Examples);
    }

    [Fact]
    public async Task A_report_whose_judge_failed_on_every_pair_is_a_failed_run_with_the_cause()
    {
        HandMadeRunFolders.FailedJudge(_root.Path, "broken");
        File.WriteAllText(Path.Combine(HandMadeRunFolders.Planned(_root.Path, "damaged", 1, 5, 5), "plan.json"), "{not json");

        var runs = (await new RunFolderReader(_root.Path).ListAsync()).ToDictionary(r => r.Id);

        Assert.Equal(LocalRunStatus.Failed, runs["broken"].RuntimeStatus);
        Assert.Equal(new LocalRunError("JudgeFailed", "The llm judge failed on every pair (20 errors: timeout (20))."), runs["broken"].Error);
        Assert.Equal(LocalRunStatus.Failed, runs["damaged"].RuntimeStatus);
        Assert.Equal("DamagedPlan", runs["damaged"].Error?.Type);
    }

    [Fact]
    public async Task Folders_without_a_plan_are_not_runs_and_ids_cannot_leave_the_served_folder()
    {
        Directory.CreateDirectory(Path.Combine(_root.Path, "analysis"));
        HandMadeRunFolders.Finished(_root.Path, "done", wrong: 2);
        var reader = new RunFolderReader(Path.Combine(_root.Path, "done"));

        Assert.Empty(await new RunFolderReader(Path.Combine(_root.Path, "analysis")).ListAsync());
        Assert.Equal(["done"], (await new RunFolderReader(_root.Path).ListAsync()).Select(r => r.Id));
        Assert.Null(reader.FolderOf(".."));
        Assert.Null(reader.FolderOf("../done"));
        Assert.Null(await new RunFolderReader(_root.Path).ReadAsync("missing"));
    }
}
