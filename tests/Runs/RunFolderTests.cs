using DslRunner.Runs;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Runs;

public sealed class RunFolderTests
{
    [Fact]
    public void Eight_creations_in_the_same_second_get_eight_different_folders()
    {
        using var runs = new TempFolder();
        var startedAt = DateTimeOffset.UtcNow;
        using var start = new Barrier(8);

        var folders = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ => { start.SignalAndWait(); return RunFolder.Create(runs.Path, "tiny", startedAt); })
            .ToList();

        Assert.Equal(8, folders.Distinct().Count());
        Assert.All(folders, f => Assert.Empty(Directory.GetFileSystemEntries(f)));
    }

    [Fact]
    public void A_taken_name_is_never_handed_out_again_even_when_empty()
    {
        using var runs = new TempFolder();
        var startedAt = new DateTimeOffset(2026, 12, 1, 13, 24, 31, TimeSpan.Zero);

        string first = RunFolder.Create(runs.Path, "tiny", startedAt);
        string second = RunFolder.Create(runs.Path, "tiny", startedAt);

        Assert.Equal("20261201-132431", Path.GetFileName(first));
        Assert.Equal("20261201-132431-2", Path.GetFileName(second));
    }

    [Fact]
    public void Eight_runs_of_one_experiment_started_at_once_each_write_their_own_folder()
    {
        using var runs = new TempFolder();

        var processes = Enumerable.Range(0, 8)
            .Select(_ => DslRunnerProcess.Start("run", "tiny-gpt", "--set", "train.steps=4", "--set", "train.eval_every=2", "--runs", runs.Path))
            .ToList();
        foreach (var process in processes) DslRunnerProcess.Wait(process);

        Assert.All(processes, p => Assert.True(p.ExitCode == 0, DslRunnerProcess.Output(p)));
        var folders = Directory.GetDirectories(Path.Combine(runs.Path, "tiny-gpt"));
        Assert.Equal(8, folders.Length);
        Assert.All(folders, f => Assert.Equal("finished", RunManifest.Read(f).Status));
        Assert.Equal(8, folders.Select(f => RunManifest.Read(f).RunId).Distinct().Count());
    }
}
