using DslRunner.Cli;
using DslRunner.Sweeps;
using DslRunner.Tests.Infrastructure;

namespace DslRunner.Tests.Sweeps;

/// <summary>A failed point shows its error and the last lines of its log wherever it is listed.</summary>
public sealed class FailedPointLogTests
{
    [Fact]
    public void Status_shows_a_failed_points_error_and_the_last_lines_of_its_log()
    {
        using var runs = new TempFolder();
        using var process = DslRunnerProcess.Start("sweep", "tiny-gpt", "--set", "train.optimizer.lr=1e12", "--jobs", "1", "--runs", runs.Path);
        DslRunnerProcess.Wait(process);
        Assert.Equal(ExitCodes.Failed, process.ExitCode);

        var (exit, output, _) = SweepCli.Run("sweep", "status", "tiny-gpt", "--runs", runs.Path);

        Assert.Equal(ExitCodes.Ok, exit);
        var sweep = SweepFolder.Find("tiny-gpt", runs.Path)!;
        Assert.Contains("failed", output);
        Assert.Contains($"last lines of tiny-gpt's log ({Path.Combine(sweep.LogsFolder, "point-0.log")}):\n", output);
        Assert.Matches(@"\n  step     1/20  loss \d\.\d{4}", output);
        Assert.Contains("\n  error: training stopped at step 2: the training loss became NaN.", output);
    }

    [Fact]
    public void The_tail_of_a_long_log_is_its_last_non_blank_lines()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "point.log");
        File.WriteAllText(path, string.Concat(Enumerable.Range(1, 5000).Select(i => $"line {i}\n\n")));

        Assert.Equal(["line 4998", "line 4999", "line 5000"], FailedPointLogs.Tail(path, 3));
    }
}
